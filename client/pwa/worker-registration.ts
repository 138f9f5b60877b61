/**
 * The service worker's registration as a promise, apart from register.ts so that push.ts can wait for it
 * without loading the live layer (and so without a window, in the Node tests of the push words).
 */
let registered: Promise<ServiceWorkerRegistration | undefined> = Promise.resolve(undefined);

/** Set once by registerServiceWorker(), with the registration being made. */
export function expectServiceWorker(registration: Promise<ServiceWorkerRegistration | undefined>): void {
  registered = registration;
}

/**
 * The worker's registration once it is made, or undefined where there is none (`vite dev`, no support, the
 * browser refused). On a first visit it is made only after the page is live, so asking
 * `navigator.serviceWorker.getRegistration()` earlier would wrongly find none.
 */
export function serviceWorkerRegistered(): Promise<ServiceWorkerRegistration | undefined> {
  return registered;
}
