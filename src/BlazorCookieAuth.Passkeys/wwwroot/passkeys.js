// BlazorCookieAuth passkeys: the browser's half of the passkey endpoints ({prefix}/passkeys/...). It defines the
// <passkey-sign-in> element that <PasskeySignIn> renders, which works on a static-SSR login page (no circuit), and
// exports the calls <PasskeyManager> makes through IJSRuntime on an interactive page. Each fetch runs here, in the
// browser, so it carries the browser's cookies and receives the challenge cookie. Plain JavaScript, no build step.

const unsupportedMessage = "This browser can't use passkeys.";
const cancelledMessage = 'The passkey prompt was closed. Nothing was changed; try again when you are ready.';
const failedMessage = 'Something went wrong with the passkey. Please try again.';

/** Whether this browser has WebAuthn. */
export function isSupported() {
  return typeof window.PublicKeyCredential === 'function' && !!navigator.credentials;
}

// --- JSON <-> WebAuthn -------------------------------------------------------------------------------------------

function fromBase64Url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes.buffer;
}

function toBase64Url(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i++) {
    binary += String.fromCharCode(bytes[i]);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// The server's options carry null for members it leaves out; WebAuthn wants them absent.
function withoutNulls(value) {
  if (Array.isArray(value)) {
    return value.map(withoutNulls);
  }
  if (value !== null && typeof value === 'object') {
    const copy = {};
    for (const [key, member] of Object.entries(value)) {
      if (member !== null && member !== undefined) {
        copy[key] = withoutNulls(member);
      }
    }
    return copy;
  }
  return value;
}

function requestOptionsFromJson(json) {
  const options = withoutNulls(json);
  if (typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function') {
    return PublicKeyCredential.parseRequestOptionsFromJSON(options);
  }
  return {
    ...options,
    challenge: fromBase64Url(options.challenge),
    allowCredentials: (options.allowCredentials ?? []).map((c) => ({ ...c, id: fromBase64Url(c.id) })),
  };
}

function creationOptionsFromJson(json) {
  const options = withoutNulls(json);
  if (typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function') {
    return PublicKeyCredential.parseCreationOptionsFromJSON(options);
  }
  return {
    ...options,
    challenge: fromBase64Url(options.challenge),
    user: { ...options.user, id: fromBase64Url(options.user.id) },
    excludeCredentials: (options.excludeCredentials ?? []).map((c) => ({ ...c, id: fromBase64Url(c.id) })),
  };
}

// PublicKeyCredential.toJSON() where the browser has it; the same shape by hand where it doesn't.
function credentialToJson(credential) {
  if (typeof credential.toJSON === 'function') {
    return credential.toJSON();
  }
  const response = credential.response;
  const json = {
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    type: credential.type,
    clientExtensionResults: credential.getClientExtensionResults?.() ?? {},
    response: { clientDataJSON: toBase64Url(response.clientDataJSON) },
  };
  if (response.attestationObject) {
    json.response.attestationObject = toBase64Url(response.attestationObject);
    json.response.transports = response.getTransports?.() ?? [];
  } else {
    json.response.authenticatorData = toBase64Url(response.authenticatorData);
    json.response.signature = toBase64Url(response.signature);
    if (response.userHandle) {
      json.response.userHandle = toBase64Url(response.userHandle);
    }
  }
  return json;
}

// --- Talking to the endpoints --------------------------------------------------------------------------------------

/** An endpoint's refusal, with the kit's error code and the message for the user. */
class EndpointError extends Error {
  constructor(status, error, message) {
    super(message);
    this.status = status;
    this.error = error;
  }
}

async function call(url, token, body) {
  const init = body === undefined
    ? { method: 'GET', headers: { Accept: 'application/json' }, credentials: 'same-origin' }
    : {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', RequestVerificationToken: token ?? '' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    };
  const response = await fetch(url, init);
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    // The kit answers problem details with its code as `error` and the sentence as `detail`.
    const message = json?.detail ?? json?.message ?? (text && !json ? text : null) ?? failedMessage;
    throw new EndpointError(response.status, json?.error ?? null, message);
  }
  return json;
}

/** The message for the user when a ceremony or a call fails. */
function describe(failure) {
  if (failure instanceof EndpointError) {
    return failure.message;
  }
  if (failure?.name === 'NotAllowedError' || failure?.name === 'AbortError') {
    return cancelledMessage;
  }
  if (failure?.name === 'InvalidStateError') {
    return 'This passkey is already registered here.';
  }
  return failedMessage;
}

function asResult(failure) {
  return {
    ok: false,
    status: failure instanceof EndpointError ? failure.status : 0,
    error: failure instanceof EndpointError ? failure.error : (failure?.name === 'NotAllowedError' ? 'cancelled' : 'failed'),
    message: describe(failure),
  };
}

// --- Calls for <PasskeyManager> (through IJSRuntime) ---------------------------------------------------------------
// Each answers { ok: true, ... } or { ok: false, status, error, message }: a refusal is something to show, not throw.

/** The signed-in user's passkeys. */
export async function list(endpoint) {
  try {
    return { ok: true, passkeys: await call(endpoint, null) };
  } catch (failure) {
    return asResult(failure);
  }
}

/** Registers a new passkey named `name`: the options, the browser's prompt, then the registration. */
export async function register(endpoint, token, name) {
  if (!isSupported()) {
    return { ok: false, status: 0, error: 'unsupported', message: unsupportedMessage };
  }
  try {
    const options = await call(`${endpoint}/register/options`, token, {});
    const credential = await navigator.credentials.create({ publicKey: creationOptionsFromJson(options) });
    await call(`${endpoint}/register`, token, { credential: credentialToJson(credential), name });
    return { ok: true };
  } catch (failure) {
    return asResult(failure);
  }
}

/** Renames the passkey with the base64url credential id `id`. */
export async function rename(endpoint, token, id, name) {
  try {
    await call(`${endpoint}/rename`, token, { id, name });
    return { ok: true };
  } catch (failure) {
    return asResult(failure);
  }
}

/** Removes the passkey with the base64url credential id `id`. */
export async function remove(endpoint, token, id) {
  try {
    await call(`${endpoint}/remove`, token, { id });
    return { ok: true };
  } catch (failure) {
    return asResult(failure);
  }
}

// --- Sign-in: the <passkey-sign-in> element ------------------------------------------------------------------------

/**
 * Signs in: asks for options, lets the browser find a passkey, then posts the answer. `mediation` is "conditional"
 * for the autofill request, which waits until the user picks a passkey from the username field's suggestions.
 * Answers the sign-in endpoint's JSON ({ authenticated, authId, returnUrl }).
 */
async function signIn(element, mediation, signal) {
  const endpoint = element.endpoint;
  const token = element.dataset.token;
  const options = await call(`${endpoint}/signin/options`, token, {});
  const request = { publicKey: requestOptionsFromJson(options), signal };
  if (mediation) {
    request.mediation = mediation;
  }
  const credential = await navigator.credentials.get(request);
  return call(`${endpoint}/signin`, token, {
    credential: credentialToJson(credential),
    remember: element.dataset.remember === 'true',
    returnUrl: element.dataset.returnUrl || null,
  });
}

class PasskeySignInElement extends HTMLElement {
  #conditional = null;

  /** The passkey endpoints' absolute URL, such as https://example.com/auth/passkeys. */
  get endpoint() {
    return new URL(this.dataset.endpoint, document.baseURI).href.replace(/\/$/, '');
  }

  connectedCallback() {
    const button = this.querySelector('button');
    if (!isSupported()) {
      this.#show(unsupportedMessage, 'passkey-unsupported');
      return;
    }
    if (button && !button.dataset.wired) {
      button.dataset.wired = 'true';
      button.addEventListener('click', () => this.#signInWithPrompt(button));
      button.disabled = false;
    }
    this.#startAutofill();
  }

  disconnectedCallback() {
    this.#conditional?.abort();
    this.#conditional = null;
  }

  /** Offers passkeys in the username field's autofill, where the page and the browser allow it. */
  async #startAutofill() {
    if (this.#conditional || !document.querySelector('input[autocomplete~="webauthn"]')) {
      return;
    }
    if (typeof PublicKeyCredential.isConditionalMediationAvailable !== 'function'
      || !(await PublicKeyCredential.isConditionalMediationAvailable())) {
      return;
    }
    const conditional = new AbortController();
    this.#conditional = conditional;
    this.dataset.autofill = 'started';
    try {
      this.#signedIn(await signIn(this, 'conditional', conditional.signal));
    } catch (failure) {
      // Only the site's refusal is worth saying: the browser ends an autofill request quietly when it has no passkey
      // to offer, and a click on the button (or leaving the page) aborts it for a request of its own.
      if (failure instanceof EndpointError && !conditional.signal.aborted) {
        this.#show(describe(failure));
      }
    } finally {
      if (this.#conditional === conditional) {
        this.#conditional = null;
        delete this.dataset.autofill;
      }
    }
  }

  async #signInWithPrompt(button) {
    this.#conditional?.abort();
    this.#conditional = null;
    this.#show(null);
    button.disabled = true;
    try {
      this.#signedIn(await signIn(this, null, undefined));
    } catch (failure) {
      this.#show(describe(failure));
      button.disabled = false;
    }
  }

  #signedIn(answer) {
    this.dataset.state = 'signed-in';
    // A full navigation, so the page is rendered with the new cookie.
    const target = typeof answer?.returnUrl === 'string' && answer.returnUrl.startsWith('/') && !answer.returnUrl.startsWith('//')
      ? answer.returnUrl
      : document.baseURI;
    window.location.assign(target);
  }

  #show(message, className) {
    const output = this.querySelector('.passkey-message');
    if (!output) {
      return;
    }
    output.textContent = message ?? '';
    output.hidden = !message;
    if (className) {
      output.classList.add(className);
    }
  }
}

if (!customElements.get('passkey-sign-in')) {
  customElements.define('passkey-sign-in', PasskeySignInElement);
}
