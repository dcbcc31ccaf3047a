/**
 * Preloaded into a built service (`NODE_OPTIONS=--require …`) by test/firestore/live-stop:
 * every real-time listener the service opens on a Firestore document fails at once, as a
 * stream the client library gives up on does, so the service must fall back to its heartbeat
 * and its check before each item. Everything else of Firestore works as usual.
 */
'use strict';
const { DocumentReference } = require('@google-cloud/firestore');

DocumentReference.prototype.onSnapshot = function cutListener(_onNext, onError) {
  const error = Object.assign(new Error('14 UNAVAILABLE: listener cut by the test'), { code: 14 });
  setImmediate(() => {
    if (typeof onError === 'function') onError(error);
  });
  return () => undefined;
};
