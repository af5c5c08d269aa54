/*
 * tui_int.h — what the TUI's modules share (only src/tui*.c include this; it includes curses).
 *
 * Theory of operation. The app keeps a stack of screens. A screen draws a model (the course,
 * the learner's progress, its own state) and turns keys into actions: each screen type has a
 * table of Bindings (keys → an Action returning TUI_REDRAW / TUI_QUIT flags), and the same
 * table prints the footer and the help screen. The main loop (tui.c) waits for a key with a
 * short timeout, lets every screen do background work (a running check, the file watch),
 * counts time on the top screen, and redraws only when something changed.
 *
 * Text is drawn from "markup": UTF-8 in the terminal's encoding (ASCII stand-ins when the
 * locale is not UTF-8) with two in-band codes, TM_ROLE + ('A' + role) to change colour role
 * and TM_BAR "W:CELLS;" for a progress bar W cells wide, CELLS its glyphs as plot_bar draws
 * them (coloured by role when drawn). Documents (Doc) are lists of such lines, built by
 * wrapping prose to a width; lessons, exercise reports, the dashboard, the help and pagers
 * are all Docs shown through a DocView.
 */
#ifndef LA4AI_TUI_INT_H
#define LA4AI_TUI_INT_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "course.h"
#include "progress.h"
#include "tui.h"
#include "util.h"

/* ---- colour roles, glyphs, drawing (tui_term.c) --------------------------------------- */

typedef enum {
    R_NORMAL, R_TITLEBAR, R_HEADING, R_SUBHEAD, R_DIM, R_EMPH, R_CODE, R_BLOCK, R_FORMULA,
    R_ML, R_WHEN, R_PASS, R_FAIL, R_WARN, R_LINK, R_SEL, R_KEY, R_FULL, R_EMPTY, R_MARK,
    R_COUNT
} Role;

typedef enum {
    G_CHECK, G_CROSS, G_DOT, G_BULLET, G_HLINE, G_GUTTER, G_ARROW, G_LAB, G_ELLIPSIS,
    G_DASH, G_SELBAR, G_MIDDOT, G_COUNT
} Glyph;

#define TM_ROLE '\x01'
#define TM_BAR '\x02'

typedef struct {
    bool utf8;      /* the locale's codeset is UTF-8: Unicode glyphs and box drawing */
    bool color;     /* colours in use (a colour terminal, NO_COLOR unset) */
    int colors;     /* COLORS once started */
} TuiCaps;
extern TuiCaps tui_caps;

/* Starts curses: locale, colours, keys, mouse wheel, signal handlers (SIGINT/SIGTERM/SIGHUP
   set a flag; SIGSEGV/SIGBUS/SIGFPE/SIGILL/SIGABRT restore the terminal, kill tracked
   children and re-raise), atexit restore. 0, or -1 with err (not a terminal). */
int tui_term_init(char *err, size_t errlen);
/* Restores the terminal (idempotent). */
void tui_term_done(void);
/* The signal that asked us to stop (SIGINT, SIGTERM, SIGHUP), or 0. */
int tui_term_stop_signal(void);
/* Children (process groups) to kill if la4ai itself crashes. */
void tui_term_track(pid_t pgid, bool on);
/* The next key within timeout_ms (ERR when none). Characters beyond ASCII come or'ed with
   TUI_WIDE; function keys are curses KEY_* codes; the mouse wheel comes as TUI_WHEEL_UP/DOWN. */
#define TUI_WIDE 0x200000
#define TUI_WHEEL_UP (TUI_WIDE - 1)
#define TUI_WHEEL_DOWN (TUI_WIDE - 2)
#define KEY_ESC 27
#define KEY_CTRL(c) ((c) & 0x1f)
int tui_term_key(int timeout_ms);
/* Runs argv on the terminal (for $EDITOR): leaves curses mode, waits, comes back. The
   child's exit status, or -1 with err. */
int tui_term_run(char *const argv[], char *err, size_t errlen);
/* True when the window is smaller than 80×24. */
bool tui_term_small(void);

void tui_attr(Role r);
const char *tui_glyph(Glyph g);
/* Frame `frame` of the spinner shown while something runs. */
const char *tui_spinner(int frame);
/* "\x01X" that switches to role r (static storage). */
const char *tui_role(Role r);
/* UTF-8 text → display text (owned by the caller): control characters dropped (tabs become
   spaces), and, when the locale is not UTF-8, every non-ASCII character replaced by an ASCII
   stand-in. Markup codes are kept. */
char *tui_text(const char *utf8);
/* Columns that markup text takes (n bytes of it; -1 = to the NUL). */
int tui_width_n(const char *s, int n);
static inline int tui_width(const char *s) { return tui_width_n(s, -1); }
/* Byte length of the longest prefix of s at most `cols` wide. */
int tui_prefix(const char *s, int cols);
/* Draws markup text at (y, x), at most maxw columns, starting in role base. Returns the
   columns drawn. */
int tui_draw(int y, int x, int maxw, const char *s, Role base);
/* printf into markup, converts it with tui_text, then draws it. */
int tui_drawf(int y, int x, int maxw, Role base, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Fills w cells at (y, x) with spaces in role r. */
void tui_blank(int y, int x, int w, Role r);
/* A progress bar as markup (adds to b): plot_bar's cells for the locale, filled to fraction
   (0…1, rounded down to eighth blocks, or whole cells in ASCII). */
void tui_bar(StrBuf *b, double fraction, int width);
/* A name for a key, for the footer and the help ("j", "↓", "Enter", "PgDn", "Ctrl-L"). */
const char *tui_key_name(int key);

/* ---- documents (tui_doc.c) ----------------------------------------------------------- */

typedef struct {
    char *text;       /* markup */
    Role role;        /* the role the line starts in */
    Role fill;        /* R_NORMAL: none; else the rest of the row is painted in this role */
    int indent;       /* columns before the text */
    int gutter;       /* 0, or 1 + the role of a bar drawn in the left margin */
    int item;         /* the interactive item the line belongs to, or -1 */
    bool folded;      /* the rest of a preformatted line too long for the width */
} DocLine;

typedef struct {
    DocLine *lines; int n, cap;
    int width;                /* the width it was laid out for */
    int *item_first, *item_last; int nitems;
    int open_item;            /* the item lines are added to now, or -1 */
    int gutter;               /* the gutter new lines get */
} Doc;

void doc_init(Doc *d, int width);
void doc_free(Doc *d);
/* One line of markup (not wrapped; clipped when drawn). */
void doc_line(Doc *d, int indent, Role role, const char *markup);
void doc_linef(Doc *d, int indent, Role role, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void doc_blank(Doc *d);
/* Prose from the lessons (UTF-8): blank lines separate paragraphs, "- " lines are bullets,
   *emphasis* and `code` are shown in their roles; wrapped at the width with `indent`. */
void doc_prose(Doc *d, int indent, Role role, const char *utf8);
/* One paragraph of markup wrapped: first line at indent, the rest at hang. */
void doc_wrap(Doc *d, int indent, int hang, Role role, const char *markup);
/* Preformatted UTF-8 text (code, compiler output, program output): tabs expanded, long lines
   folded, ANSI escapes removed; each line painted to the width in `fill` when not R_NORMAL. */
void doc_pre(Doc *d, int indent, Role role, Role fill, const char *utf8);
/* Lines added between begin and end form one selectable item. Returns its index. */
int doc_item_begin(Doc *d);
void doc_item_end(Doc *d);

typedef struct {
    Doc doc;
    int top;            /* first line shown */
    int sel;            /* the selected item, or -1 */
    int height;         /* rows it was last drawn in */
} DocView;

/* Draws the view in rows y0 … y0+h-1 (the doc at column x0). Clamps top and keeps the
   selection on a visible item. */
void doc_view_draw(DocView *v, int y0, int h, int x0);
/* Scrolling; return TUI_REDRAW. */
int doc_view_scroll(DocView *v, int lines);
int doc_view_home(DocView *v, bool end);
/* Selects the next (dir 1) or previous (-1) item and scrolls it into view. */
int doc_view_next_item(DocView *v, int dir);
/* Selects an item and scrolls it into view (all of it when it fits). */
int doc_view_select(DocView *v, int item);
/* True when the last line is on screen. */
bool doc_view_at_end(const DocView *v);
/* The content width for a doc on this screen. */
int doc_width(void);

/* ---- child processes (tui_job.c; uses no curses) ----------------------------------------- */

typedef struct {
    pid_t pid;            /* 0: none running */
    int fd[2];            /* its stdout and stderr, -1 once closed */
    StrBuf out, err;
    int status;           /* exit status once done; 128+n after signal n */
    double started;
    bool running;
} TuiJob;

/* Starts argv[0] with argv in a new process group: stdin /dev/null, stdout and stderr into
   pipes read without blocking. j is zeroed (fd = -1) or a finished job (reused). 0, or -1
   with err. */
int tui_job_start(TuiJob *j, char *const argv[], char *err, size_t errlen);
/* Reads what is there; true when the job has just finished (status set, running false). */
bool tui_job_poll(TuiJob *j);
/* Kills the job's group (TERM, then KILL) and reaps it. */
void tui_job_cancel(TuiJob *j);
/* Cancels if running and frees the buffers. */
void tui_job_free(TuiJob *j);

/* ---- the app and its screens (tui.c) ----------------------------------------------------- */

enum { TUI_NONE = 0, TUI_REDRAW = 1, TUI_QUIT = 2 };

typedef struct App App;
typedef struct Screen Screen;
typedef int (*Action)(App *app, Screen *s);

#define BINDING_KEYS 10
typedef struct {
    int keys[BINDING_KEYS]; /* the keys that run it, 0-terminated */
    const char *brief;      /* footer label ("e edit"), or NULL */
    const char *help;       /* what it does, for the help screen */
    Action run;             /* app->key holds the key that ran it */
    const char *names;      /* the keys as the help shows them, when not one by one */
} Binding;

typedef struct {
    const char *name;                    /* for the help screen: "Lesson reader" */
    const Binding *keys;                 /* ends with an entry whose run is NULL */
    void (*draw)(App *app, Screen *s);   /* the body: rows 1 … LINES-2 */
    int (*tick)(App *app, Screen *s);    /* background work (may be NULL): TUI_REDRAW if changed */
    void (*destroy)(App *app, Screen *s);/* frees it; stops its children */
    const char *time_kind;               /* "lesson" / "exercise": time is counted, else NULL */
} ScreenOps;

struct Screen {
    const ScreenOps *ops;
    char *title;            /* title-bar text (markup), owned */
    char *time_id;          /* the lesson or exercise time is counted for, owned */
    double seconds;         /* counted, not saved yet */
    DocView *view;          /* the screen's document, for the shared scrolling keys, or NULL */
    char status[256];       /* footer status while something runs ("" when idle) */
};

struct App {
    const TuiOptions *opt;
    const Course *course;
    Progress *progress;
    char *self;                           /* this program, for checks and labs */
    Screen *stack[16]; int depth;
    char msg[512]; Role msg_role; double msg_until;
    int key;                              /* the key being handled */
    double last_key, last_tick;
    bool dirty, quit;
    char **report_id, **report_json; int nreports;  /* each exercise's last check, this session */
    char *progress_file; long long progress_stamp; double progress_polled;
};

void tui_push(App *app, Screen *s);
void tui_pop(App *app);
/* Replaces the top screen (saves its time). */
void tui_replace(App *app, Screen *s);
Screen *tui_top(App *app);
/* A message in the footer for a few seconds. */
void tui_message(App *app, Role r, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Reads the progress file again (after a child or a transaction changed it). */
void tui_reload(App *app);
/* progress_update with messages on failure; reloads. 0 or -1. */
int tui_update(App *app, int (*fn)(Progress *p, void *ctx), void *ctx);
/* Adds seconds of screen time to the record and resets the counter. */
void tui_save_time(App *app, Screen *s);
/* A line editor on the last row: true when Enter was pressed (buf holds the text, UTF-8),
   false on Esc. Background work goes on meanwhile. */
bool tui_prompt(App *app, const char *label, char *buf, size_t size);
/* y/n on the last row. */
bool tui_confirm(App *app, const char *question);
/* Redraws everything now (before a blocking step). */
void tui_draw_all(App *app);
/* The last report of an exercise this session (JSON, owned by the app) or NULL; remember
   takes a copy. */
const char *tui_report_get(App *app, const char *id);
void tui_report_put(App *app, const char *id, const char *json);
/* Screen initialiser for the embedding screens. */
void tui_screen_init(Screen *s, const ScreenOps *ops, const char *title);
void tui_screen_free(Screen *s);
/* Keys every doc screen shares (scrolling, item selection): a table that ends like any
   other, consulted after the screen's own. */
extern const Binding tui_doc_keys[];
/* The item a lesson or exercise is at in course order: the first lesson not read or exercise
   not passed. */
typedef struct { const Lesson *lesson; const Exercise *exercise; } TuiItem;
int tui_next_items(const App *app, TuiItem *out, int max);
/* Exercise status: 0 not started, 1 failing, 2 passed. */
int tui_exercise_state(const App *app, const char *id);
bool tui_lesson_read(const App *app, const char *id);

/* Screens. */
Screen *tui_map_new(App *app);
Screen *tui_lesson_new(App *app, const Lesson *l);
Screen *tui_exercise_new(App *app, const Exercise *ex);
Screen *tui_dashboard_new(App *app);
Screen *tui_help_new(App *app, const Screen *of);
Screen *tui_results_new(App *app, const char *query);
/* A pager over text (UTF-8; copied), its lines painted in fill when not R_NORMAL. */
Screen *tui_pager_new(App *app, const char *title, const char *text, Role fill);
/* A pager that runs argv (a child process group) and shows its output as it comes; `what`
   names it in messages ("Lab linreg_compare"). */
Screen *tui_pager_run(App *app, const char *title, const char *what, char *const argv[]);
/* Opens whatever a search or a dashboard line points at. */
void tui_open_lesson(App *app, const Lesson *l);
void tui_open_exercise(App *app, const Exercise *ex);
void tui_open_lab(App *app, const Lab *lab);

#endif /* LA4AI_TUI_INT_H */
