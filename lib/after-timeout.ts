/**
 * The one way Redstring stops waiting for something that may never answer (a database that stopped, a
 * query stuck inside one expression): `work`'s outcome if it settles within `ms`, otherwise `late()`'s.
 * The timer is cleared either way, and whatever `work` ends with after the timeout has no one to tell, so
 * it is not left as an unhandled rejection. Nothing is cancelled: the caller cannot stop what it waited for.
 */
export function afterTimeout<T>(work: Promise<T>, ms: number, late: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => late().then(resolve, reject), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, timedOut]).finally(() => clearTimeout(timer));
}
