/*
 * tui_doc.c — documents for the TUI: lines of markup built by wrapping lesson prose
 * (paragraphs, "- " bullets, *emphasis*, `code`) or folding preformatted text to a width,
 * grouped into selectable items; and the view that scrolls them (see tui_int.h).
 */
#define _GNU_SOURCE
#include "tui_int.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- building ---------------------------------------------------------------------------- */

void doc_init(Doc *d, int width)
{
    memset(d, 0, sizeof *d);
    d->width = width < 20 ? 20 : width;
    d->open_item = -1;
}

void doc_free(Doc *d)
{
    for (int i = 0; i < d->n; i++)
        free(d->lines[i].text);
    free(d->lines);
    free(d->item_first);
    free(d->item_last);
    int width = d->width;
    doc_init(d, width);
}

static void add_line(Doc *d, int indent, Role role, Role fill, char *text /* owned */)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 64;
        d->lines = xrealloc(d->lines, (size_t)d->cap * sizeof *d->lines);
    }
    d->lines[d->n] = (DocLine){ text, role, fill, indent, d->gutter, d->open_item, false };
    if (d->open_item >= 0)
        d->item_last[d->open_item] = d->n;
    d->n++;
}

void doc_line(Doc *d, int indent, Role role, const char *markup)
{
    add_line(d, indent, role, R_NORMAL, tui_text(markup));
}

void doc_linef(Doc *d, int indent, Role role, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    StrBuf b = { 0 };
    sb_vaddf(&b, fmt, ap);
    va_end(ap);
    char *s = sb_take(&b);
    doc_line(d, indent, role, s);
    free(s);
}

void doc_blank(Doc *d)
{
    int g = d->gutter;
    if (d->n && !d->lines[d->n - 1].text[0] && !d->lines[d->n - 1].gutter)
        return; /* one blank line is enough */
    d->gutter = 0;
    add_line(d, 0, R_NORMAL, R_NORMAL, xstrdup(""));
    d->gutter = g;
}

int doc_item_begin(Doc *d)
{
    d->item_first = xrealloc(d->item_first, (size_t)(d->nitems + 1) * sizeof *d->item_first);
    d->item_last = xrealloc(d->item_last, (size_t)(d->nitems + 1) * sizeof *d->item_last);
    d->item_first[d->nitems] = d->n;
    d->item_last[d->nitems] = d->n;
    d->open_item = d->nitems;
    return d->nitems++;
}

void doc_item_end(Doc *d)
{
    d->open_item = -1;
}

/* The role in force after the n bytes of markup at s, starting in cur. */
static Role role_after(const char *s, int n, Role cur)
{
    for (int i = 0; i < n && s[i]; i++)
        if (s[i] == TM_ROLE && s[i + 1]) {
            cur = (Role)(s[i + 1] - 'A');
            i++;
        }
    return cur;
}

void doc_wrap(Doc *d, int indent, int hang, Role role, const char *markup)
{
    char *text = tui_text(markup);
    StrBuf line = { 0 };
    sb_add(&line, "");
    Role cur = role;
    int col = 0, ind = indent;
    bool emitted = false;
    const char *p = text;
#define ROOM (d->width - ind > 8 ? d->width - ind : 8)
#define EMIT() do { add_line(d, ind, role, R_NORMAL, sb_take(&line)); emitted = true; ind = hang; \
                    col = 0; sb_add(&line, cur != role ? tui_role(cur) : ""); } while (0)
    while (*p) {
        if (*p == ' ') {
            p++;
            continue;
        }
        const char *end = p;
        while (*end && *end != ' ' && *end != '\n')
            end++;
        int tw = tui_width_n(p, (int)(end - p));
        if (col > 0 && col + 1 + tw > ROOM)
            EMIT();
        if (col > 0 && tw > 0) {
            sb_add(&line, " ");
            col++;
        }
        while (col == 0 && tw > ROOM) { /* a word longer than the line (a URL): cut it */
            int cut = tui_prefix(p, ROOM);
            if (cut <= 0)
                cut = 1;
            sb_addn(&line, p, (size_t)cut);
            cur = role_after(p, cut, cur);
            p += cut;
            col = 1;
            EMIT();
            tw = tui_width_n(p, (int)(end - p));
        }
        sb_addn(&line, p, (size_t)(end - p));
        cur = role_after(p, (int)(end - p), cur);
        col += tw;
        p = end;
        if (*p == '\n') {
            p++;
            EMIT();
        }
    }
    if (col > 0 || !emitted)
        add_line(d, ind, role, R_NORMAL, sb_take(&line));
    sb_free(&line);
    free(text);
#undef ROOM
#undef EMIT
}

static bool wordish(char c)
{
    return isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

/* *emphasis* and `code` in lesson prose → role codes (the text stays UTF-8). */
static char *prose_markup(const char *s, Role base)
{
    StrBuf b = { 0 };
    sb_add(&b, "");
    for (const char *p = s; *p;) {
        if (*p == '`') {
            const char *close = strchr(p + 1, '`');
            if (close && close > p + 1) {
                sb_add(&b, tui_role(R_CODE));
                sb_addn(&b, p + 1, (size_t)(close - p - 1));
                sb_add(&b, tui_role(base));
                p = close + 1;
                continue;
            }
        } else if (*p == '*' && (p == s || !wordish(p[-1])) && p[1] && p[1] != ' ' &&
                   p[1] != '*') {
            const char *q = p + 2;
            while (*q && !(*q == '*' && q[-1] != ' ' && !wordish(q[1])))
                q++;
            if (*q == '*') {
                sb_add(&b, tui_role(R_EMPH));
                sb_addn(&b, p + 1, (size_t)(q - p - 1));
                sb_add(&b, tui_role(base));
                p = q + 1;
                continue;
            }
        }
        sb_addn(&b, p, 1);
        p++;
    }
    return sb_take(&b);
}

void doc_prose(Doc *d, int indent, Role role, const char *utf8)
{
    const char *p = utf8 ? utf8 : "";
    while (*p) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        char *raw = xmalloc(len + 1);
        memcpy(raw, p, len);
        raw[len] = '\0';
        const char *t = raw;
        while (*t == ' ')
            t++;
        if (!*t) {
            doc_blank(d);
        } else if ((t[0] == '-' || t[0] == '*') && t[1] == ' ') {
            char *m = prose_markup(t + 2, role);
            char *item = util_fmt("%s %s", tui_glyph(G_BULLET), m);
            doc_wrap(d, indent, indent + 2, role, item);
            free(item);
            free(m);
        } else {
            int number = 0;
            while (isdigit((unsigned char)t[number]))
                number++;
            int hang = number && (t[number] == '.' || t[number] == ')') && t[number + 1] == ' '
                           ? number + 2 : 0;
            char *m = prose_markup(t, role);
            doc_wrap(d, indent, indent + hang, role, m);
            free(m);
        }
        free(raw);
        p = eol ? eol + 1 : p + len;
    }
}

/* Removes ANSI escape sequences, keeps what follows the last carriage return of each line,
   and expands tabs to 8 columns. */
static char *plain_text(const char *s)
{
    StrBuf b = { 0 };
    sb_add(&b, "");
    size_t line_start = 0;
    int col = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '\x1b') {
            if (p[1] == '[') {
                p += 2;
                while (*p && !(*p >= 0x40 && *p <= 0x7E))
                    p++;
            } else if (p[1] == ']') {
                p += 2;
                while (*p && *p != '\a' && !(*p == '\x1b' && p[1] == '\\'))
                    p++;
                if (*p == '\x1b')
                    p++;
            } else if (p[1]) {
                p++;
            }
            if (!*p)
                break;
            continue;
        }
        if (*p == '\r') {
            if (p[1] != '\n') { /* a redrawn line: keep the last version */
                b.len = line_start;
                b.s[b.len] = '\0';
                col = 0;
            }
            continue;
        }
        if (*p == '\t') {
            do {
                sb_add(&b, " ");
                col++;
            } while (col % 8);
            continue;
        }
        sb_addn(&b, p, 1);
        if (*p == '\n') {
            line_start = b.len;
            col = 0;
        } else if (((unsigned char)*p & 0xC0) != 0x80) {
            col++;
        }
    }
    return sb_take(&b);
}

void doc_pre(Doc *d, int indent, Role role, Role fill, const char *utf8)
{
    char *plain = plain_text(utf8 ? utf8 : "");
    char *text = tui_text(plain);
    free(plain);
    int room = d->width - indent;
    if (room < 8)
        room = 8;
    const char *p = text;
    size_t total = strlen(text);
    if (total && text[total - 1] == '\n')
        text[--total] = '\0';
    do {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        char *line = xmalloc(len + 1);
        memcpy(line, p, len);
        line[len] = '\0';
        const char *q = line;
        do { /* fold a long line; the pieces after the first are marked as such */
            int cut = tui_width(q) > room ? tui_prefix(q, room) : (int)strlen(q);
            if (cut <= 0 && *q)
                cut = 1;
            char *piece = xmalloc((size_t)cut + 1);
            memcpy(piece, q, (size_t)cut);
            piece[cut] = '\0';
            add_line(d, indent, role, fill, piece);
            d->lines[d->n - 1].folded = q != line;
            q += cut;
        } while (*q);
        free(line);
        p = eol ? eol + 1 : p + len;
    } while (*p);
    free(text);
}

/* ---- viewing ------------------------------------------------------------------------------ */

int doc_width(void)
{
    int w = COLS - 4;
    return w > 100 ? 100 : w < 20 ? 20 : w;
}

static bool item_visible(const DocView *v, int item)
{
    const Doc *d = &v->doc;
    return item >= 0 && item < d->nitems && d->item_last[item] >= v->top &&
           d->item_first[item] < v->top + v->height;
}

static void clamp(DocView *v)
{
    int max_top = v->doc.n - v->height;
    if (v->top > max_top)
        v->top = max_top;
    if (v->top < 0)
        v->top = 0;
}

void doc_view_draw(DocView *v, int y0, int h, int x0)
{
    const Doc *d = &v->doc;
    v->height = h;
    clamp(v);
    if (!item_visible(v, v->sel)) {
        v->sel = -1;
        for (int i = 0; i < d->nitems && v->sel < 0; i++)
            if (item_visible(v, i))
                v->sel = i;
    }
    for (int row = 0; row < h; row++) {
        int y = y0 + row, i = v->top + row;
        tui_blank(y, 0, COLS, R_NORMAL);
        if (i >= d->n)
            continue;
        const DocLine *l = &d->lines[i];
        int x = x0 + l->indent;
        if (l->fill != R_NORMAL)
            tui_blank(y, x, d->width - l->indent, l->fill);
        if (l->gutter && x0 >= 2) /* in the margin, whatever the line's indent */
            tui_draw(y, x0 - 2, 1, l->folded ? (tui_caps.utf8 ? "┆" : ":") : tui_glyph(G_GUTTER),
                     (Role)(l->gutter - 1));
        tui_draw(y, x, d->width - l->indent, l->text, l->fill != R_NORMAL ? l->fill : l->role);
        if (l->item >= 0 && l->item == v->sel && x0 >= 2)
            tui_draw(y, x0 - 2, 1, tui_glyph(G_SELBAR), R_MARK);
    }
    if (d->n > h && h > 2) { /* a scroll bar in the last column */
        int thumb = h * h / d->n, span = d->n - h;
        if (thumb < 1)
            thumb = 1;
        int pos = span ? v->top * (h - thumb) / span : 0;
        for (int row = 0; row < h; row++) {
            bool on = row >= pos && row < pos + thumb;
            const char *thumb_glyph = tui_caps.utf8 ? "┃" : "#";
            tui_draw(y0 + row, COLS - 1, 1, on ? thumb_glyph : tui_glyph(G_GUTTER),
                     on ? R_MARK : R_EMPTY);
        }
    }
}

int doc_view_scroll(DocView *v, int lines)
{
    v->top += lines;
    clamp(v);
    return TUI_REDRAW;
}

int doc_view_home(DocView *v, bool end)
{
    v->top = end ? v->doc.n : 0;
    clamp(v);
    return TUI_REDRAW;
}

int doc_view_next_item(DocView *v, int dir)
{
    const Doc *d = &v->doc;
    if (d->nitems == 0)
        return TUI_NONE;
    int s = v->sel;
    if (s < 0) {
        s = dir > 0 ? 0 : d->nitems - 1;
        while (dir > 0 && s < d->nitems - 1 && d->item_last[s] < v->top)
            s++;
    } else {
        s += dir;
        if (s < 0 || s >= d->nitems)
            return TUI_NONE;
    }
    return doc_view_select(v, s);
}

int doc_view_select(DocView *v, int item)
{
    const Doc *d = &v->doc;
    if (item < 0 || item >= d->nitems)
        return TUI_NONE;
    v->sel = item;
    int first = d->item_first[item], last = d->item_last[item];
    if (first < v->top)
        v->top = first;
    else if (last >= v->top + v->height) /* all of it when it fits, else its start */
        v->top = last - v->height + 1 > first ? first : last - v->height + 1;
    clamp(v);
    return TUI_REDRAW;
}

bool doc_view_at_end(const DocView *v)
{
    return v->top + v->height >= v->doc.n;
}
