// The pages' one way to call this server's API (the dashboard at / and the lineage page at
// /lineage/ both load it as /api-client.js). Token: when /api answers 401 the page asks for
// PLAYSTREAM_API_TOKEN once (the page's <dialog id="token-dialog">) and keeps it in sessionStorage
// (this tab only); a link may also carry it as #token=... (the fragment never reaches the server,
// and takeTokenFromFragment removes it from the address bar at once). openSession trades it for the
// session cookie that pages the browser navigates to need (JobRunr's dashboard at /dashboard).
'use strict';

window.PlaystreamApi = (function () {
  const TOKEN_KEY = 'playstream.apiToken';
  let tokenPrompt = null;

  function takeTokenFromFragment() {
    const match = /(?:^#|&)token=([^&]*)/.exec(window.location.hash);
    if (match) {
      sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
      history.replaceState(history.state, '', window.location.pathname + window.location.search);
    }
  }

  // one dialog for every call refused at once: the calls a page starts together wait on the same answer
  function askToken() {
    if (tokenPrompt) {
      return tokenPrompt;
    }
    const dialog = document.getElementById('token-dialog');
    const input = document.getElementById('token-input');
    tokenPrompt = new Promise(resolve => {
      dialog.addEventListener('close', () => {
        sessionStorage.setItem(TOKEN_KEY, input.value.trim());
        input.value = '';
        tokenPrompt = null;
        resolve();
      }, { once: true });
      dialog.showModal();
    });
    return tokenPrompt;
  }

  /** Sends a request with the tab's token; asks for the token on 401, up to three times. */
  async function authorized(path, init) {
    for (let attempt = 0; attempt < 3; attempt++) {
      const headers = Object.assign({}, init.headers);
      const token = sessionStorage.getItem(TOKEN_KEY);
      if (token) {
        headers.Authorization = 'Bearer ' + token;
      }
      const response = await fetch(path, Object.assign({}, init, { headers, cache: 'no-store' }));
      if (response.status !== 401) {
        return response;
      }
      await askToken();
    }
    throw new Error('the API token was refused');
  }

  /** GETs path as JSON with the tab's token. */
  async function api(path) {
    const response = await authorized(path, { headers: { Accept: 'application/json' } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(path + ': ' + (body.reason || response.status));
    }
    return body;
  }

  /**
   * Signs this browser in with the tab's token: the server answers with an HttpOnly cookie that
   * carries the browser through pages it navigates to, where no header can be added (JobRunr's
   * dashboard at /dashboard, served by this server behind the token).
   */
  async function openSession() {
    const response = await authorized('/api/v1/session', { method: 'POST' });
    if (!response.ok) {
      throw new Error('/api/v1/session: ' + response.status);
    }
  }

  return Object.freeze({ api, openSession, takeTokenFromFragment });
}());
