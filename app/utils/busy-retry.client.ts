// When the server sheds load (503 with Retry-After), the browser waits and sends the same request again instead of
// showing an error page: a form being submitted stays on screen with everything typed in it, and a banner says why
// (components/ui/busy-notice.tsx). Only the app's own data requests (single fetch `.data`) are retried.
import { BUSY_EVENT } from "~/components/ui/busy-notice";

const MAX_RETRIES = 5;

export function retryWhenBusy(): void {
  const send = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const href = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const url = new URL(href, window.location.href);
    if (url.origin !== window.location.origin || !url.pathname.endsWith(".data")) return send(input, init);
    // why: a Request's body can be read once; keep an untouched copy for each retry.
    const pristine = input instanceof Request ? input.clone() : null;
    for (let attempt = 0; ; attempt++) {
      const res = await send(attempt === 0 || !pristine ? input : pristine.clone(), init);
      const wait = Number(res.headers.get("Retry-After"));
      if (res.status !== 503 || !(wait > 0) || attempt >= MAX_RETRIES) {
        if (attempt > 0) window.dispatchEvent(new CustomEvent(BUSY_EVENT, { detail: null }));
        return res;
      }
      window.dispatchEvent(new CustomEvent(BUSY_EVENT, { detail: { seconds: wait } }));
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    }
  };
}
