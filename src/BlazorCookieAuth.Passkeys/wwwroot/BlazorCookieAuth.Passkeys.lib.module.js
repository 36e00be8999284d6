// Loads passkeys.js on pages with a <passkey-sign-in> element (Blazor loads this JavaScript initializer itself).
// Scripts in content that enhanced navigation swaps in never run, so the sign-in button can't bring its own: this
// looks for it after the first page and after each enhanced navigation, and imports the script only where it is used.
function loadWhereUsed() {
  if (document.querySelector('passkey-sign-in')) {
    import('./passkeys.js');
  }
}

// Blazor Web Apps call afterWebStarted.
export function afterWebStarted(blazor) {
  loadWhereUsed();
  blazor.addEventListener('enhancedload', loadWhereUsed);
}
