/*
 * tui_pager.c — a scrollable page of text: a reference solution, or the output of a lab as
 * it runs (the lab is this binary run as `la4ai lab ID` in a child process group; Esc
 * cancels it, a second Esc goes back).
 */
#define _GNU_SOURCE
#include "tui_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    Screen base;
    DocView view;
    char *text;               /* what is shown (static text), or NULL with a job */
    Role fill;
    TuiJob job;
    size_t seen;              /* bytes of output laid out so far */
    char *what;               /* "Lab linreg_compare", for messages */
    int spin;
} Pager;

/* Program output is laid out for 80 columns: use all but the scroll bar's. */
static int pager_width(void)
{
    return COLS - 1;
}

static void layout(Pager *p)
{
    Doc *d = &p->view.doc;
    bool follow = p->view.height > 0 && doc_view_at_end(&p->view);
    int top = p->view.top;
    doc_free(d);
    doc_init(d, pager_width());
    if (p->text) {
        doc_pre(d, 0, p->fill != R_NORMAL ? p->fill : R_NORMAL, p->fill, p->text);
    } else {
        doc_pre(d, 0, R_NORMAL, R_NORMAL, p->job.out.s ? p->job.out.s : "");
        if (p->job.err.s && *p->job.err.s) {
            doc_blank(d);
            doc_pre(d, 0, R_WARN, R_NORMAL, p->job.err.s);
        }
        if (!p->job.running && p->job.started > 0) {
            doc_blank(d);
            doc_linef(d, 0, p->job.status == 0 ? R_PASS : R_FAIL, "%s %s (exit status %d)",
                      tui_glyph(G_DASH), p->job.status == 0 ? "finished" : "ended",
                      p->job.status);
        }
    }
    p->view.top = follow ? d->n : top; /* a running lab is followed while at the end */
}

static void pager_draw(App *app, Screen *s)
{
    (void)app;
    Pager *p = (Pager *)s;
    if (p->view.doc.width != pager_width())
        layout(p);
    doc_view_draw(&p->view, 1, LINES - 2, 0);
}

static int pager_tick(App *app, Screen *s)
{
    Pager *p = (Pager *)s;
    if (!p->job.running)
        return TUI_NONE;
    bool done = tui_job_poll(&p->job);
    if (done) {
        s->status[0] = '\0';
        tui_reload(app);
        tui_message(app, p->job.status == 0 ? R_PASS : R_FAIL, "%s %s (exit status %d).",
                    p->what, p->job.status == 0 ? "finished" : "failed", p->job.status);
    } else {
        snprintf(s->status, sizeof s->status, "%s Running %s %s %.0f s   Esc cancels",
                 tui_spinner(p->spin), p->what,
                 tui_glyph(G_ELLIPSIS), util_now() - p->job.started);
        p->spin++;
    }
    if (done || p->job.out.len + p->job.err.len != p->seen) {
        p->seen = p->job.out.len + p->job.err.len;
        layout(p);
    }
    return TUI_REDRAW;
}

static int act_back(App *app, Screen *s)
{
    Pager *p = (Pager *)s;
    if (p->job.running) {
        tui_job_cancel(&p->job);
        s->status[0] = '\0';
        layout(p);
        tui_message(app, R_WARN, "%s cancelled.", p->what);
        return TUI_REDRAW;
    }
    tui_pop(app);
    return TUI_REDRAW;
}

static void pager_destroy(App *app, Screen *s)
{
    (void)app;
    Pager *p = (Pager *)s;
    tui_job_free(&p->job);
    free(p->text);
    free(p->what);
    doc_free(&p->view.doc);
    tui_screen_free(s);
    free(p);
}

static const Binding pager_keys[] = {
    { { KEY_ESC, KEY_BACKSPACE, 127, KEY_LEFT }, NULL,
      "cancel what runs; else back to the previous screen", act_back, NULL },
    { { 0 }, NULL, NULL, NULL, NULL },
};

static const ScreenOps pager_ops = { "Pager", pager_keys, pager_draw, pager_tick,
                                     pager_destroy, NULL };

static Pager *pager_alloc(const char *title)
{
    Pager *p = xcalloc(1, sizeof *p);
    tui_screen_init(&p->base, &pager_ops, title);
    p->base.view = &p->view;
    p->view.sel = -1;
    p->job.fd[0] = p->job.fd[1] = -1;
    doc_init(&p->view.doc, pager_width());
    return p;
}

Screen *tui_pager_new(App *app, const char *title, const char *text, Role fill)
{
    (void)app;
    Pager *p = pager_alloc(title);
    p->text = xstrdup(text);
    p->fill = fill;
    p->what = xstrdup(title);
    layout(p);
    return &p->base;
}

Screen *tui_pager_run(App *app, const char *title, const char *what, char *const argv[])
{
    Pager *p = pager_alloc(title);
    p->what = xstrdup(what);
    char err[512];
    if (tui_job_start(&p->job, argv, err, sizeof err) != 0) {
        tui_message(app, R_FAIL, "Cannot run %s: %s", p->what, err);
        p->text = util_fmt("%s could not start: %s\n", p->what, err);
    }
    layout(p);
    return &p->base;
}
