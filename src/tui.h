/*
 * tui.h — the terminal course: the full-screen front end a learner lives in (course map,
 * lesson reader with practice questions, exercise view with built-in watch, dashboard).
 * `la4ai` with no command on a terminal opens it; `la4ai tui` always does.
 *
 * This header is curses-free so the command line can call it; the TUI's own modules share
 * src/tui_int.h.
 */
#ifndef LA4AI_TUI_H
#define LA4AI_TUI_H

#include "course.h"

typedef struct {
    const char *root;            /* the course root (lessons/, exercises/, graders/) */
    const char *progress_dir;    /* where <learner>.json lives */
    const char *learner;
    const Course *course;        /* loaded by the caller; not freed here */
} TuiOptions;

/* Runs the TUI until the learner quits (q), interrupts it (Ctrl-C) or it is terminated.
   Returns an exit status: 0 after a normal quit, 2 when the terminal or the progress file
   cannot be used (a message went to stderr), 130/143 after SIGINT/SIGTERM. The terminal is
   restored on every path, a crash included. Learner code never runs in this process: checks
   and labs run as child processes of this same binary. */
int tui_main(const TuiOptions *opt);

#endif /* LA4AI_TUI_H */
