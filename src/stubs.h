/*
 * stubs.h — the pristine exercise stubs, embedded in the binary at build time
 * (tools/embed_stubs.py writes stubs.c from the committed files). `reset` and the
 * integration test use them.
 */
#ifndef LA4AI_STUBS_H
#define LA4AI_STUBS_H

/* The pristine text of the stub at `path` (relative to the course root, e.g.
   "exercises/week02/gram_schmidt.c"), or NULL when the build has none. Static storage. */
const char *stubs_pristine(const char *path);

#endif /* LA4AI_STUBS_H */
