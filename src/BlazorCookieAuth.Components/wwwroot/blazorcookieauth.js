// BlazorCookieAuth for WebAssembly pages: tells the page's .NET side when another tab of this browser logged out, and
// when the tab is shown again, so it can ask the server whether its login still holds.
const channelName = 'blazorcookieauth';

export function watchSession(dotNet) {
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : null;
  const onMessage = (event) => {
    if (event.data === 'logout') {
      dotNet.invokeMethodAsync('OnLogoutAnnounced');
    }
  };
  const onShown = () => {
    if (document.visibilityState === 'visible') {
      dotNet.invokeMethodAsync('OnShown');
    }
  };

  channel?.addEventListener('message', onMessage);
  window.addEventListener('focus', onShown);
  document.addEventListener('visibilitychange', onShown);
  return {
    dispose() {
      channel?.close();
      window.removeEventListener('focus', onShown);
      document.removeEventListener('visibilitychange', onShown);
    },
  };
}
