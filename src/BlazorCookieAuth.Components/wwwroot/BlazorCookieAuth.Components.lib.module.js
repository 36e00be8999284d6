// BlazorCookieAuth on every page of the app (Blazor loads this JavaScript initializer itself). A logout form
// (<LogoutButton>, or any form with data-blazorcookieauth-logout) marks this tab as logging out; the page the logout
// lands on then tells the browser's other tabs, so their WebAssembly pages check their login at once instead of at
// their next interval. The message carries nothing: a tab that gets it only asks the server.
const channelName = 'blazorcookieauth';
const loggingOut = 'blazorcookieauth.loggingOut';
let started = false;

function start() {
  if (started) {
    return;
  }

  started = true;
  document.addEventListener('submit', (event) => {
    if (event.target instanceof HTMLFormElement && event.target.hasAttribute('data-blazorcookieauth-logout')) {
      sessionStorage.setItem(loggingOut, '1');
    }
  }, true);

  if (sessionStorage.getItem(loggingOut) !== null) {
    sessionStorage.removeItem(loggingOut);
    if (typeof BroadcastChannel === 'function') {
      const channel = new BroadcastChannel(channelName);
      channel.postMessage('logout');
      channel.close();
    }
  }
}

// Blazor Web Apps call beforeWebStart; standalone WebAssembly apps call beforeStart.
export function beforeWebStart() {
  start();
}

export function beforeStart() {
  start();
}
