// netca.js — the web SDK of netca-client's loopback bridge (docs/web-bridge.md).
// An ES module with no dependencies and no build step:
//
//   import { connect } from "./netca.js";
//   const client = await connect();                 // finds the client; it asks the user
//   const { keys } = await client.keys();
//   const cert = keys[0].certificates[0];
//   const answer = await client.login({ certificate: cert.id, challenge });
//   // send answer.signed_data (base64 CMS SignedData) and the challenge to your server
//
// Licence: Apache-2.0, like netca-client.

/** The documented port, then the short fallback range. */
export const DEFAULT_PORTS = Object.freeze([24790, 24791, 24792, 24793, 24794]);
export const SDK_VERSION = "1.0";
const PATH = "/bridge";

/**
 * An answer the client gave instead of a result.
 * `code` is one of: not_allowed, bad_request, rate_limited, busy, cancelled, key_not_found,
 * certificate_not_found, key_removed, pin_locked, challenge_replayed, unsupported_page,
 * failed — and, from the SDK itself: not_running, disconnected, timeout.
 */
export class NetcaError extends Error {
  /** @param {string} code @param {string} message */
  constructor(code, message) {
    super(message);
    this.name = "NetcaError";
    /** @type {string} */
    this.code = code;
  }
}

/**
 * @typedef {Object} CertificateInfo
 * @property {string} id            SHA-256 of the DER (hex): names the certificate in requests
 * @property {string} subject       common name
 * @property {string} organisation
 * @property {string} organisation_unit
 * @property {string|null} org_code 统一社会信用代码, when the certificate has one
 * @property {string} issuer
 * @property {string} serial        hex
 * @property {string} not_before    ISO 8601
 * @property {string} not_after     ISO 8601
 * @property {"signing"|"encryption"|"both"|"unknown"} usage
 * @property {string} algorithm     e.g. "RSA-2048", "EC-256"
 * @property {string} certificate   base64 DER
 */

/**
 * @typedef {Object} KeyInfo
 * @property {string} serial  the key's serial: names the key in openPage()
 * @property {string} label
 * @property {string} model
 * @property {CertificateInfo[]} certificates
 */

/**
 * @typedef {Object} SignedResult
 * @property {string} signed_data   base64 DER CMS ContentInfo(SignedData)
 * @property {string} certificate   base64 DER of the signer's certificate
 * @property {string} signing_time  ISO 8601
 * @property {string} [content]     login only: the statement that was signed
 */

/**
 * @typedef {Object} VerifyResult
 * @property {boolean} valid
 * @property {string|null} reason
 * @property {CertificateInfo|null} signer
 * @property {string|null} signing_time
 * @property {boolean} trusted      the signer chains to a root the client trusts
 * @property {string|null} content  base64, when the SignedData carries its content
 */

/**
 * @typedef {Object} ConnectOptions
 * @property {number[]} [ports]            where to look (default DEFAULT_PORTS)
 * @property {string} [host]               "127.0.0.1" (default) or "localhost"
 * @property {number} [consentTimeout]     ms to wait for the user's consent (default 120000)
 * @property {number} [requestTimeout]     ms for a request, PIN entry included (default 300000)
 * @property {boolean} [reconnect]         reconnect when the client restarts (default true)
 * @property {(event: "key_inserted"|"key_removed", key: KeyInfo) => void} [onKeyEvent]
 * @property {(state: "connecting"|"waiting_for_consent"|"connected"|"disconnected") => void} [onState]
 */

/** @param {string} url @param {number} ms @returns {Promise<WebSocket>} */
function open(url, ms) {
  return new Promise((resolve, reject) => {
    let socket;
    try {
      socket = new WebSocket(url);
    } catch (error) {
      reject(error);
      return;
    }
    const timer = setTimeout(() => {
      socket.close();
      reject(new NetcaError("timeout", "no answer"));
    }, ms);
    socket.onopen = () => {
      clearTimeout(timer);
      resolve(socket);
    };
    socket.onerror = () => {
      clearTimeout(timer);
      reject(new NetcaError("not_running", "nothing listens at " + url));
    };
  });
}

/** A connection to the client. Use connect() to make one. */
export class NetcaClient {
  /** @param {ConnectOptions} options */
  constructor(options) {
    /** @type {ConnectOptions} */
    this.options = options;
    /** @type {WebSocket|null} */
    this.socket = null;
    /** @type {number|null} the port the client answered on */
    this.port = null;
    /** @type {{service: string, version: string, protocol: number, origin: string}|null} */
    this.hello = null;
    this._next = 1;
    /** @type {Map<number, {resolve: Function, reject: Function, timer: any}>} */
    this._pending = new Map();
    this._subscribed = false;
    this._closed = false;
  }

  /** Find the client on the ports and say hello (the consent dialog shows if needed). */
  async _connect() {
    const options = this.options;
    const host = options.host || "127.0.0.1";
    options.onState?.("connecting");
    let lastError = new NetcaError("not_running", "netca-client is not running");
    for (const port of options.ports || DEFAULT_PORTS) {
      let socket;
      try {
        socket = await open(`ws://${host}:${port}${PATH}`, 3000);
      } catch (error) {
        lastError = error instanceof NetcaError ? error : lastError;
        continue;
      }
      this._attach(socket, port);
      options.onState?.("waiting_for_consent");
      try {
        const hello = await this._request(
          { type: "hello", sdk: SDK_VERSION },
          options.consentTimeout ?? 120000,
        );
        if (hello.service !== "netca-client") {
          throw new NetcaError("not_running", "another service answered");
        }
        this.hello = hello;
        options.onState?.("connected");
        if (this._subscribed) await this._request({ type: "subscribe" });
        return this;
      } catch (error) {
        socket.onclose = null;
        socket.close();
        if (error instanceof NetcaError && error.code === "not_allowed") throw error;
        lastError = error instanceof NetcaError ? error : lastError;
      }
    }
    throw lastError;
  }

  /** @param {WebSocket} socket @param {number} port */
  _attach(socket, port) {
    this.socket = socket;
    this.port = port;
    socket.onmessage = (event) => this._receive(event.data);
    socket.onclose = () => this._lost(socket);
  }

  /** @param {string} text */
  _receive(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (message.type === "event") {
      this.options.onKeyEvent?.(message.event, message.key);
      return;
    }
    const waiting = this._pending.get(message.id);
    if (!waiting) return;
    this._pending.delete(message.id);
    clearTimeout(waiting.timer);
    if (message.type === "result") waiting.resolve(message.result);
    else waiting.reject(new NetcaError(message.error.code, message.error.message));
  }

  /** @param {WebSocket} socket */
  _lost(socket) {
    if (this.socket !== socket) return;
    this.socket = null;
    for (const [id, waiting] of this._pending) {
      clearTimeout(waiting.timer);
      waiting.reject(new NetcaError("disconnected", "the connection to netca-client closed"));
      this._pending.delete(id);
    }
    this.options.onState?.("disconnected");
    if (!this._closed && this.hello && this.options.reconnect !== false) this._retry(1000);
  }

  /** @param {number} delay */
  _retry(delay) {
    setTimeout(() => {
      if (this._closed || this.socket) return;
      this._connect().catch((error) => {
        if (!(error instanceof NetcaError && error.code === "not_allowed")) {
          this._retry(Math.min(delay * 2, 30000));
        }
      });
    }, delay);
  }

  /**
   * @param {Object} body @param {number} [timeout]
   * @returns {Promise<any>}
   */
  _request(body, timeout) {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new NetcaError("disconnected", "not connected to netca-client"));
    }
    const id = this._next++;
    return new Promise((resolve, reject) => {
      const ms = timeout ?? this.options.requestTimeout ?? 300000;
      const timer = setTimeout(() => {
        this._pending.delete(id);
        reject(new NetcaError("timeout", "netca-client did not answer in time"));
      }, ms);
      this._pending.set(id, { resolve, reject, timer });
      socket.send(JSON.stringify({ id, ...body }));
    });
  }

  /** The plugged keys and their certificates (public data only). @returns {Promise<{keys: KeyInfo[]}>} */
  keys() {
    return this._request({ type: "keys" });
  }

  /** Key plugged/unplugged events from now on, to options.onKeyEvent. @returns {Promise<{}>} */
  async subscribe() {
    this._subscribed = true;
    return this._request({ type: "subscribe" });
  }

  /**
   * Sign a login: the client shows your origin, the certificate and the statement, and asks
   * for the PIN in its own window. Verify the answer on your server (docs/web-bridge.md).
   * @param {{certificate: string, challenge: string, detached?: boolean}} request
   * @returns {Promise<SignedResult>}
   */
  login({ certificate, challenge, detached = false }) {
    return this._request({ type: "login", certificate, challenge, detached });
  }

  /**
   * Sign data (at most 1 MiB): the dialog shows your description and the data's SHA-256.
   * @param {{certificate: string, data: Uint8Array|string, description: string, detached?: boolean}} request
   *   data: bytes, or a base64 string
   * @returns {Promise<SignedResult>}
   */
  sign({ certificate, data, description, detached = true }) {
    const encoded = typeof data === "string" ? data : toBase64(data);
    return this._request({ type: "sign", certificate, data: encoded, description, detached });
  }

  /**
   * Check a SignedData (base64); `data` (bytes or base64) when it is detached.
   * @param {{signedData: string, data?: Uint8Array|string}} request
   * @returns {Promise<VerifyResult>}
   */
  verify({ signedData, data }) {
    const body = { type: "verify", signed_data: signedData };
    if (data !== undefined) body.data = typeof data === "string" ? data : toBase64(data);
    return this._request(body);
  }

  /**
   * Open a client page for a plugged key; the client's window comes to the front.
   * @param {{page: "renewal"|"seal_install"|"forgot_pin", key: string}} request  key: its serial
   * @returns {Promise<{opened: boolean}>}
   */
  openPage({ page, key }) {
    return this._request({ type: "open", page, key });
  }

  /** Close for good (no reconnecting). */
  close() {
    this._closed = true;
    this.socket?.close();
  }
}

/** @param {Uint8Array} bytes @returns {string} */
export function toBase64(bytes) {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}

/**
 * Find netca-client on this computer and connect. The first time a site connects, the
 * client asks its user (allow once / always / never); the promise waits for the answer.
 * Rejects with NetcaError: not_running (no client found), not_allowed (the user or the
 * administrator refused this site), timeout.
 * @param {ConnectOptions} [options]
 * @returns {Promise<NetcaClient>}
 */
export function connect(options = {}) {
  return new NetcaClient(options)._connect();
}
