/*
 * plot.c — pictures in a character grid: progress bars, line and scatter charts with axes,
 * arrows and marks, greyscale images, and PNG export (see plot.h).
 *
 * Theory of operation. Everything is drawn into a PlotGrid of cells (a code point and two
 * colour indices), one cell per terminal column; only plot_render turns cells into bytes, so
 * only it knows about ANSI escapes and ASCII stand-ins, and the TUI can draw the same cells
 * with curses. This file depends on nothing else in la4ai, so a lab can link it alone.
 *
 * A chart is laid out top to bottom as
 *
 *     [head row]        the y label at the left, the title centred over the plotting area
 *     plotting area     y tick labels and the left axis (│ ┤) to its left
 *     axis row          └──┬────┬──
 *     tick-label row
 *     [x label row]
 *     [legend row]      ── name  ── name   in each series' colour
 *
 * Inside the plotting area every cell is a braille character, 2×4 dots, so lines are drawn in
 * "dot space" — dw = 2·width columns by dh = 4·height rows, (0,0) the top-left dot — with
 * Bresenham's algorithm after clipping the segment to the area (Liang–Barsky). A data value
 * maps linearly to dots, after log10 on a log axis, with the limits on the first and last dot:
 * a point on a limit lands exactly on the edge of the area. Markers, arrow heads and labels
 * replace whole cells; dots never overwrite them.
 *
 * Ticks are "nice": 1, 2 or 5 × 10^k apart on linear axes and whole decades apart on log axes.
 * A limit fitted to the data (NaN in PlotAxes) is widened to the next tick when that costs
 * little (a tenth of the span at most), so the ends of the axis are usually labelled without
 * wasting the chart; on log axes it reaches at least the next whole decade. A limit the caller
 * gives is kept. No curses here.
 */
#include "plot.h"

#include <errno.h>
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- memory and strings ------------------------------------------------------------------- */

/* Allocation that cannot fail: on failure, say how much and abort (nothing to recover). */
static void *plot_alloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "la4ai: out of memory (%zu bytes in plot)\n", n);
        abort();
    }
    return p;
}

/* A growable NUL-terminated byte string for plot_render and plot_bar. */
typedef struct { char *s; size_t len, cap; } Buf;

static void buf_addn(Buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (b->len + n + 1 > cap)
            cap *= 2;
        char *p = realloc(b->s, cap);
        if (!p) {
            fprintf(stderr, "la4ai: out of memory (%zu bytes in plot)\n", cap);
            abort();
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void buf_add(Buf *b, const char *s) { buf_addn(b, s, strlen(s)); }
static void buf_addc(Buf *b, char c) { buf_addn(b, &c, 1); }

/* The string (never NULL: an empty buffer gives ""); the caller frees it. */
static char *buf_take(Buf *b)
{
    if (!b->s)
        buf_addn(b, "", 0);
    return b->s;
}

/* ---- UTF-8 -------------------------------------------------------------------------------- */

/* Writes cp as UTF-8 into out; returns the number of bytes (1–4). */
static int utf8_encode(uint32_t cp, char out[4])
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* The code point at *s, advancing *s past it. A malformed sequence gives U+FFFD and skips one
   byte, so decoding always moves on. *s must not point at the terminating NUL. */
static uint32_t utf8_next(const char **s)
{
    static const uint32_t shortest[4] = { 0, 0x80, 0x800, 0x10000 }; /* overlong below these */
    const unsigned char *p = (const unsigned char *)*s;
    uint32_t cp;
    int more;
    if (p[0] < 0x80) {
        *s += 1;
        return p[0];
    }
    if ((p[0] & 0xE0) == 0xC0) {
        cp = p[0] & 0x1F;
        more = 1;
    } else if ((p[0] & 0xF0) == 0xE0) {
        cp = p[0] & 0x0F;
        more = 2;
    } else if ((p[0] & 0xF8) == 0xF0) {
        cp = p[0] & 0x07;
        more = 3;
    } else {
        *s += 1;
        return 0xFFFD;
    }
    for (int i = 1; i <= more; i++) {   /* a NUL here fails the test, so we stop in time */
        if ((p[i] & 0xC0) != 0x80) {
            *s += 1;
            return 0xFFFD;
        }
        cp = cp << 6 | (p[i] & 0x3F);
    }
    if (cp < shortest[more] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *s += 1;
        return 0xFFFD;
    }
    *s += more + 1;
    return cp;
}

/* Code points in a UTF-8 string: the cells it takes. */
static int utf8_length(const char *s)
{
    int n = 0;
    while (*s) {
        utf8_next(&s);
        n++;
    }
    return n;
}

static bool nonempty(const char *s) { return s && *s; }

/* ---- glyphs and their ASCII stand-ins ----------------------------------------------------- */

enum {
    G_HLINE = 0x2500, G_VLINE = 0x2502, G_CORNER = 0x2514, G_TICK_LEFT = 0x2524,
    G_TICK_DOWN = 0x252C, G_UPPER_HALF = 0x2580, G_FULL = 0x2588, G_LIGHT_SHADE = 0x2591,
    G_BULLET = 0x2022, G_CIRCLE = 0x25CF, G_BRAILLE = 0x2800,
};

/* What a non-ASCII glyph becomes when the terminal cannot show it. Braille and subscript
   digits follow rules (ascii_stand_in); anything not listed becomes '?'. */
static const struct { uint32_t cp; char ascii; } ASCII_STAND_INS[] = {
    /* axes */
    { 0x2500, '-' }, { 0x2502, '|' }, { 0x250C, '+' }, { 0x2510, '+' }, { 0x2514, '+' },
    { 0x2518, '+' }, { 0x251C, '+' }, { 0x2524, '+' }, { 0x252C, '+' }, { 0x2534, '+' },
    { 0x253C, '+' },
    /* blocks: bars, shades and half-block images */
    { 0x2580, '"' }, { 0x2584, ',' }, { 0x2588, '#' }, { 0x2589, '#' }, { 0x258A, '#' },
    { 0x258B, '#' }, { 0x258C, '#' }, { 0x258D, '-' }, { 0x258E, '-' }, { 0x258F, '-' },
    { 0x2591, '.' }, { 0x2592, ':' }, { 0x2593, '%' },
    /* arrow heads */
    { 0x2190, '<' }, { 0x2191, '^' }, { 0x2192, '>' }, { 0x2193, 'v' }, { 0x2196, '\\' },
    { 0x2197, '/' }, { 0x2198, '\\' }, { 0x2199, '/' },
    /* markers */
    { 0x2022, '*' }, { 0x00B7, '.' }, { 0x00D7, 'x' }, { 0x25CF, 'o' }, { 0x25CB, 'o' },
    { 0x25A0, '#' }, { 0x25B2, '^' }, { 0x25BC, 'v' }, { 0x25C6, '+' }, { 0x2605, '*' },
    /* text in labels */
    { 0x2212, '-' }, { 0x2013, '-' }, { 0x2014, '-' }, { 0x2026, '.' }, { 0x2248, '~' },
    { 0x2264, '<' }, { 0x2265, '>' }, { 0x2016, '|' }, { 0x00B2, '2' }, { 0x00B3, '3' },
    { 0x00B9, '1' }, { 0x03B1, 'a' }, { 0x03B2, 'b' }, { 0x03B5, 'e' }, { 0x03B8, 't' },
    { 0x03BA, 'k' }, { 0x03BB, 'l' }, { 0x03BC, 'u' }, { 0x03C0, 'p' }, { 0x03C3, 's' },
    { 0x03A3, 'S' },
};

/* The dots of a braille cell, indexed [dot row 0–3][dot column 0–1]. */
static const uint8_t BRAILLE_BIT[4][2] = { { 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 },
                                           { 0x40, 0x80 } };
enum { BRAILLE_TOP = 0x1B, BRAILLE_BOTTOM = 0xE4 };   /* dot rows 0–1 and 2–3 */

static bool is_braille(uint32_t cp) { return cp >= G_BRAILLE && cp <= G_BRAILLE + 0xFF; }

/* One printable ASCII byte for cp. Braille keeps a little of its shape: dots only in the upper
   half give '\'', only in the lower half '.', in both ':'. */
static char ascii_stand_in(uint32_t cp)
{
    if (cp < 0x80)
        return (char)cp;
    if (is_braille(cp)) {
        unsigned dots = cp - G_BRAILLE;
        bool top = dots & BRAILLE_TOP, bottom = dots & BRAILLE_BOTTOM;
        return top && bottom ? ':' : top ? '\'' : bottom ? '.' : ' ';
    }
    if (cp >= 0x2080 && cp <= 0x2089)      /* subscript digits: σ₁ → s1 */
        return (char)('0' + (cp - 0x2080));
    for (size_t i = 0; i < sizeof ASCII_STAND_INS / sizeof *ASCII_STAND_INS; i++)
        if (ASCII_STAND_INS[i].cp == cp)
            return ASCII_STAND_INS[i].ascii;
    return '?';
}

/* ---- colours ------------------------------------------------------------------------------ */

/* SGR parameters of the named colours, foreground and background (PLOT_DIM is bright black). */
static const char *const SGR_FG[PLOT_NAMED_COLOURS] = { NULL, "31", "32", "33", "34",
                                                        "35", "36", "37", "90" };
static const char *const SGR_BG[PLOT_NAMED_COLOURS] = { NULL, "41", "42", "43", "44",
                                                        "45", "46", "47", "100" };

/* A colour value as stored in a cell: named, 16 + xterm index, or 0 for anything else. */
static uint16_t colour_value(int c)
{
    return (c > 0 && c < PLOT_NAMED_COLOURS) || (c >= 16 && c < 16 + 256) ? (uint16_t)c : 0;
}

/* Appends ";<parameters>" for colour c as foreground (bg false) or background. */
static void add_sgr_colour(Buf *b, int c, bool bg)
{
    char tmp[24];
    if (c > 0 && c < PLOT_NAMED_COLOURS) {
        buf_addc(b, ';');
        buf_add(b, bg ? SGR_BG[c] : SGR_FG[c]);
    } else if (c >= 16) {
        snprintf(tmp, sizeof tmp, ";%d;5;%d", bg ? 48 : 38, c - 16);
        buf_add(b, tmp);
    }
}

/* One escape that resets attributes and sets these colours: ESC [ 0 ; fg ; bg m. */
static void add_sgr(Buf *b, int fg, int bg)
{
    buf_add(b, "\x1b[0");
    add_sgr_colour(b, fg, false);
    add_sgr_colour(b, bg, true);
    buf_addc(b, 'm');
}

/* The six channel levels of xterm's colour cube. */
static const int CUBE_LEVEL[6] = { 0, 95, 135, 175, 215, 255 };

static double clamp01(double v) { return v > 0 ? (v < 1 ? v : 1) : 0; }   /* NaN → 0 */

int plot_grey(double v)
{
    double want = clamp01(v) * 255;
    int best = 16, bestlevel = 0;
    for (int i = 0; i < 24; i++) {               /* the ramp: 232 + i is 8 + 10i */
        int level = 8 + 10 * i;
        if (fabs(level - want) < fabs(bestlevel - want)) {
            best = 232 + i;
            bestlevel = level;
        }
    }
    for (int j = 0; j < 6; j++) {                /* the cube's diagonal: 16 + 43j */
        if (fabs(CUBE_LEVEL[j] - want) < fabs(bestlevel - want)) {
            best = 16 + 43 * j;
            bestlevel = CUBE_LEVEL[j];
        }
    }
    return 16 + best;
}

/* The cube coordinate (0–5) whose level is nearest to v in 0…1. */
static int cube_step(double v)
{
    double want = clamp01(v) * 255;
    int best = 0;
    for (int j = 1; j < 6; j++)
        if (fabs(CUBE_LEVEL[j] - want) < fabs(CUBE_LEVEL[best] - want))
            best = j;
    return best;
}

int plot_rgb(double r, double g, double b)
{
    return 16 + 16 + 36 * cube_step(r) + 6 * cube_step(g) + cube_step(b);
}

/* ---- style -------------------------------------------------------------------------------- */

/* Whether s contains word, ignoring ASCII case. */
static bool contains_nocase(const char *s, const char *word)
{
    size_t n = strlen(word);
    for (; *s; s++) {
        size_t i = 0;
        while (i < n && s[i] && (s[i] | 0x20) == (word[i] | 0x20))
            i++;
        if (i == n)
            return true;
    }
    return false;
}

PlotStyle plot_style_auto(void)
{
    PlotStyle st = { false, false };
    static const char *const LOCALE_VARS[] = { "LC_ALL", "LC_CTYPE", "LANG" };
    for (size_t i = 0; i < sizeof LOCALE_VARS / sizeof *LOCALE_VARS; i++) {
        const char *v = getenv(LOCALE_VARS[i]);
        if (nonempty(v)) {            /* the first one set decides, as setlocale would */
            st.utf8 = contains_nocase(v, "utf-8") || contains_nocase(v, "utf8");
            break;
        }
    }
    const char *force = getenv("LA4AI_COLOR"), *term = getenv("TERM");
    if (force && (!strcmp(force, "0") || !strcmp(force, "1")))
        st.color = force[0] == '1';
    else
        st.color = isatty(STDOUT_FILENO) && !nonempty(getenv("NO_COLOR")) && nonempty(term) &&
                   strcmp(term, "dumb") != 0;
    return st;
}

/* ---- grids and text ----------------------------------------------------------------------- */

PlotGrid *plot_grid_new(int width, int height)
{
    if (width < 1 || height < 1)
        return NULL;
    PlotGrid *g = plot_alloc(sizeof *g);
    g->width = width;
    g->height = height;
    g->cells = plot_alloc((size_t)width * (size_t)height * sizeof *g->cells);
    for (size_t i = 0; i < (size_t)width * (size_t)height; i++)
        g->cells[i] = (PlotCell){ ' ', 0, 0 };
    memset(&g->frame, 0, sizeof g->frame);
    return g;
}

void plot_grid_free(PlotGrid *g)
{
    if (!g)
        return;
    free(g->cells);
    free(g);
}

static PlotCell *cell_at(PlotGrid *g, int x, int y)
{
    if (!g || x < 0 || y < 0 || x >= g->width || y >= g->height)
        return NULL;
    return &g->cells[(size_t)y * (size_t)g->width + (size_t)x];
}

/* Sets the glyph and foreground of a cell (the background is kept). Control characters would
   break the one-cell-one-column rule, so they become '?'. */
void plot_put(PlotGrid *g, int x, int y, uint32_t ch, int fg)
{
    PlotCell *c = cell_at(g, x, y);
    if (!c)
        return;
    bool control = ch < 0x20 || ch == 0x7F || (ch >= 0x80 && ch < 0xA0);
    c->ch = control ? '?' : ch > 0x10FFFF ? 0xFFFD : ch;
    c->fg = colour_value(fg);
}

/* One code point per cell from (x, y) rightwards; cells off the grid are skipped. */
void plot_text(PlotGrid *g, int x, int y, const char *utf8, int fg)
{
    if (!g || !utf8)
        return;
    while (*utf8)
        plot_put(g, x++, y, utf8_next(&utf8), fg);
}

/* A cell that shows nothing: a space without a background (any space, without colour). */
static bool cell_blank(const PlotCell *c, PlotStyle style)
{
    return c->ch == ' ' && (c->bg == 0 || !style.color);
}

char *plot_render(const PlotGrid *g, PlotStyle style)
{
    Buf b = { 0 };
    for (int y = 0; g && y < g->height; y++) {
        const PlotCell *row = g->cells + (size_t)y * (size_t)g->width;
        int end = g->width;
        while (end > 0 && cell_blank(&row[end - 1], style))
            end--;
        int fg = 0, bg = 0;                    /* what the terminal is set to */
        for (int x = 0; x < end; x++) {
            const PlotCell *c = &row[x];
            int want_fg = c->ch == ' ' ? fg : c->fg;  /* a space shows no foreground */
            if (style.color && (want_fg != fg || c->bg != bg)) {
                fg = want_fg;
                bg = c->bg;
                add_sgr(&b, fg, bg);
            }
            if (style.utf8) {
                char enc[4];
                buf_addn(&b, enc, (size_t)utf8_encode(c->ch, enc));
            } else {
                buf_addc(&b, ascii_stand_in(c->ch));
            }
        }
        if (fg || bg)
            buf_add(&b, "\x1b[0m");
        buf_addc(&b, '\n');
    }
    return buf_take(&b);
}

/* ---- progress bars ------------------------------------------------------------------------ */

/* Partial cells of a bar: k eighths of a cell, k = 0…7. */
static const char *const BAR_EIGHTHS[8] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };

char *plot_bar(double fraction, int width, PlotStyle style)
{
    Buf b = { 0 };
    double f = clamp01(fraction);
    if (width < 0)
        width = 0;
    /* rounded down (with slack for binary fractions): a bar is full only when fraction is 1 */
    if (style.utf8) {
        long eighths = (long)floor(f * width * 8 + 1e-9);   /* an eighth of a cell each */
        int full = (int)(eighths / 8), part = (int)(eighths % 8);
        for (int i = 0; i < full; i++)
            buf_add(&b, "█");
        buf_add(&b, BAR_EIGHTHS[part]);
        for (int i = full + (part > 0); i < width; i++)
            buf_add(&b, "░");
    } else {
        int full = (int)floor(f * width + 1e-9);
        for (int i = 0; i < width; i++)
            buf_addc(&b, i < full ? '#' : '-');
    }
    return buf_take(&b);
}

/* ---- axes: limits, nice ticks, labels ----------------------------------------------------- */

enum { MAX_TICKS = 8, LABEL_SIZE = 24 };

typedef struct {
    bool log;
    double lo, hi;             /* limits in axis units: values, or log10 of them */
    double step;               /* between ticks, in axis units */
    int nticks;
    double tick[MAX_TICKS];
    char label[MAX_TICKS][LABEL_SIZE];
    int label_width;           /* the longest label, in cells */
} Axis;

/* A value in axis units: false for what cannot be drawn (non-finite, absurdly large so that
   differences would overflow, or not positive on a log axis). */
static bool axis_value(bool log, double v, double *out)
{
    if (!isfinite(v) || fabs(v) > 1e300 || (log && v <= 0))
        return false;
    *out = log ? log10(v) : v;
    return true;
}

/* The extent of the drawable points of all series, in axis units. False if there are none. */
static bool data_extent(const PlotSeries *series, int nseries, bool logx, bool logy,
                        double xr[2], double yr[2])
{
    bool any = false;
    for (int s = 0; s < nseries; s++) {
        for (int i = 0; i < series[s].n && series[s].x && series[s].y; i++) {
            double x, y;
            if (!axis_value(logx, series[s].x[i], &x) || !axis_value(logy, series[s].y[i], &y))
                continue;
            if (!any) {
                xr[0] = xr[1] = x;
                yr[0] = yr[1] = y;
                any = true;
            }
            xr[0] = fmin(xr[0], x);
            xr[1] = fmax(xr[1], x);
            yr[0] = fmin(yr[0], y);
            yr[1] = fmax(yr[1], y);
        }
    }
    return any;
}

/* The smallest of 1, 2, 5 × 10^k that is at least raw (> 0). */
static double nice_step(double raw)
{
    static const double MULTIPLE[] = { 1, 2, 5, 10 };
    double mag = pow(10, floor(log10(raw)));
    for (size_t i = 0; i < sizeof MULTIPLE / sizeof *MULTIPLE; i++)
        if (MULTIPLE[i] * mag >= raw * (1 - 1e-9))
            return MULTIPLE[i] * mag;
    return 10 * mag;
}

/* How far apart limits that are one value (or contradict each other) are pushed around v. */
static double degenerate_pad(bool log, double v)
{
    return log ? 1 : fabs(v) > 1e-100 ? fabs(v) / 2 : 1;
}

/* A limit fitted to the data, moved outwards (dir −1 for the low end, +1 for the high) to the
   next tick if that costs at most a tenth of the span — else kept, or on a log axis moved to
   the next whole decade. */
static double widen(double v, int dir, double step, double span, bool log)
{
    double tick = (dir < 0 ? floor(v / step + 1e-9) : ceil(v / step - 1e-9)) * step;
    if (fabs(tick - v) <= 0.1 * span)
        return tick;
    return log ? (dir < 0 ? floor(v + 1e-9) : ceil(v - 1e-9)) : v;
}

/* Rewrites printf's exponent "1.5e+06" / "2e-05" the way the axes write powers: "1.5e6", "2e-5". */
static void compact_exponent(char *s)
{
    char *e = strchr(s, 'e');
    if (!e)
        return;
    char *from = e + 1, *to = e + 1;
    if (*from == '+')
        from++;
    else if (*from == '-')
        *to++ = *from++;
    while (from[0] == '0' && from[1])
        from++;
    memmove(to, from, strlen(from) + 1);
}

/* Tick labels: "1e-12" on log axes; fixed decimals enough to tell the ticks apart on linear
   ones, or significant digits with a short exponent ("2.5e6") for very large or small steps. */
static void axis_format(Axis *a)
{
    double big = fmax(fabs(a->lo), fabs(a->hi));
    a->label_width = 0;
    for (int i = 0; i < a->nticks; i++) {
        char *out = a->label[i];
        double v = a->tick[i];
        if (a->log) {
            snprintf(out, LABEL_SIZE, "1e%ld", lround(v));
        } else if (big < 1e5 && a->step >= 1e-3) {
            int decimals = a->step >= 1 ? 0 : (int)ceil(-log10(a->step) - 1e-9);
            snprintf(out, LABEL_SIZE, "%.*f", decimals, v);
        } else {
            int digits = (int)floor(log10(big)) - (int)floor(log10(a->step)) + 1;
            digits = digits < 1 ? 1 : digits > 15 ? 15 : digits;
            snprintf(out, LABEL_SIZE, "%.*g", digits, v);
            compact_exponent(out);
        }
        int w = (int)strlen(out);
        a->label_width = w > a->label_width ? w : a->label_width;
    }
}

/* Fits one axis: limits from the caller where given (ulo/uhi drawable), else from the data
   extent (when have_data) widened as `widen` says; then at most maxticks (≥ 2) nice ticks and
   their labels. Limits that are one value, or contradict the data, are pushed apart. */
static void axis_fit(Axis *a, bool log, bool have_data, const double data[2], double ulo,
                     double uhi, int maxticks)
{
    double lo = 0, hi = 1;
    bool auto_lo = !axis_value(log, ulo, &lo), auto_hi = !axis_value(log, uhi, &hi);
    if (auto_lo)
        lo = have_data ? data[0] : auto_hi ? 0 : hi - degenerate_pad(log, hi);
    if (auto_hi)
        hi = have_data ? data[1] : lo + degenerate_pad(log, lo);
    if (!auto_lo && !auto_hi && lo > hi) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    /* one value, a given limit beyond all the data, or a span too thin to tick */
    if (!(hi - lo > 1e-9 * fmax(fabs(lo), fabs(hi)) + 1e-200)) {
        if (auto_lo == auto_hi) {
            double pad = degenerate_pad(log, lo);
            lo -= pad;
            hi += pad;
        } else if (auto_hi) {
            hi = lo + degenerate_pad(log, lo);
        } else {
            lo = hi - degenerate_pad(log, hi);
        }
    }
    /* the finest step that gives at most maxticks ticks once the auto limits are widened */
    double raw = (hi - lo) / (maxticks - 1), span = hi - lo;
    double step = log ? fmax(1, ceil(raw - 1e-9)) : nice_step(raw);
    for (;;) {
        double l = auto_lo ? widen(lo, -1, step, span, log) : lo;
        double h = auto_hi ? widen(hi, +1, step, span, log) : hi;
        double n = floor(h / step + 1e-9) - ceil(l / step - 1e-9) + 1;
        if (n <= maxticks) {
            lo = l;
            hi = h;
            break;
        }
        step = log ? step + 1 : nice_step(step * 1.5);
    }
    a->log = log;
    a->lo = lo;
    a->hi = hi;
    a->step = step;
    a->nticks = 0;
    for (double k = ceil(lo / step - 1e-9); k <= floor(hi / step + 1e-9) && a->nticks < MAX_TICKS;
         k++)
        a->tick[a->nticks++] = k * step + 0.0;      /* + 0.0: no "-0" */
    axis_format(a);
}

/* Distance between neighbouring ticks, in cells, on an axis drawn over `dots` dots with
   `per_cell` dots a cell. */
static double tick_spacing(const Axis *a, int dots, int per_cell)
{
    return a->step / (a->hi - a->lo) * (dots - 1) / per_cell;
}

/* ---- dot space ---------------------------------------------------------------------------- */

/* (x, y) in data units to unrounded dot coordinates in the plotting area, (0, 0) the top-left
   dot. False if the point cannot be drawn on these axes. */
static bool frame_dot(const PlotFrame *f, double x, double y, double *dx, double *dy)
{
    double ax, ay;
    if (!axis_value(f->logx, x, &ax) || !axis_value(f->logy, y, &ay))
        return false;
    *dx = (ax - f->xmin) / (f->xmax - f->xmin) * (2 * f->width - 1);
    *dy = (f->ymax - ay) / (f->ymax - f->ymin) * (4 * f->height - 1);
    return true;
}

/* Whether an unrounded dot position rounds to a dot inside the area. */
static bool dot_inside(const PlotFrame *f, double dx, double dy)
{
    return dx > -0.5 && dx < 2 * f->width - 0.5 && dy > -0.5 && dy < 4 * f->height - 0.5;
}

/* The grid cell holding dot (dx, dy), which must be inside. */
static void dot_cell(const PlotFrame *f, double dx, double dy, int *cx, int *cy)
{
    *cx = f->left + (int)lround(dx) / 2;
    *cy = f->top + (int)lround(dy) / 4;
}

/* Sets one dot (inside the area) in its braille cell; a cell showing a marker, arrow head or
   label keeps it. The cell takes the dot's colour. */
static void set_dot(PlotGrid *g, int ix, int iy, int color)
{
    const PlotFrame *f = &g->frame;
    PlotCell *c = cell_at(g, f->left + ix / 2, f->top + iy / 4);
    if (!c || !(c->ch == ' ' || is_braille(c->ch)))
        return;
    c->ch = (c->ch == ' ' ? G_BRAILLE : c->ch) | BRAILLE_BIT[iy % 4][ix % 2];
    c->fg = colour_value(color);
}

/* The nearest of dots 0…n−1 to v (rounding error may leave a clipped end slightly out). */
static int dot_round(double v, int n)
{
    return (int)lround(fmin(fmax(v, 0), n - 1));
}

/* Joins two unrounded dot positions: the segment is clipped to the area (Liang–Barsky, so far
   away points cost nothing), rounded, and drawn with Bresenham's algorithm. */
static void draw_segment(PlotGrid *g, double x0, double y0, double x1, double y1, int color)
{
    if (!isfinite(x0) || !isfinite(y0) || !isfinite(x1) || !isfinite(y1))
        return;                               /* beyond what doubles hold at this scale */
    const PlotFrame *f = &g->frame;
    const int dw = 2 * f->width, dh = 4 * f->height;
    double t0 = 0, t1 = 1, ddx = x1 - x0, ddy = y1 - y0;
    const double p[4] = { -ddx, ddx, -ddy, ddy };
    const double q[4] = { x0 + 0.5, dw - 0.5 - x0, y0 + 0.5, dh - 0.5 - y0 };
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return;                       /* parallel to this edge and outside it */
        } else {
            double r = q[i] / p[i];
            if (p[i] < 0 && r > t0)
                t0 = r;
            else if (p[i] > 0 && r < t1)
                t1 = r;
        }
    }
    if (t0 > t1)
        return;                               /* misses the area */
    int ax = dot_round(x0 + t0 * ddx, dw), ay = dot_round(y0 + t0 * ddy, dh);
    int bx = dot_round(x0 + t1 * ddx, dw), by = dot_round(y0 + t1 * ddy, dh);
    int sx = ax < bx ? 1 : -1, sy = ay < by ? 1 : -1;
    int ex = abs(bx - ax), ey = -abs(by - ay), err = ex + ey;
    for (;;) {
        set_dot(g, ax, ay, color);
        if (ax == bx && ay == by)
            break;
        int e2 = 2 * err;
        if (e2 >= ey) {
            err += ey;
            ax += sx;
        }
        if (e2 <= ex) {
            err += ex;
            ay += sy;
        }
    }
}

/* A series as a polyline through its drawable points (the others are left out). */
static void draw_polyline(PlotGrid *g, const PlotSeries *s)
{
    double px = 0, py = 0;
    bool have_prev = false;
    for (int i = 0; i < s->n; i++) {
        double dx, dy;
        if (!frame_dot(&g->frame, s->x[i], s->y[i], &dx, &dy))
            continue;
        if (have_prev)
            draw_segment(g, px, py, dx, dy, s->color);
        else
            draw_segment(g, dx, dy, dx, dy, s->color);   /* a lone first point is a dot */
        px = dx;
        py = dy;
        have_prev = true;
    }
}

/* A series as separate points: its marker in the point's cell, or one braille dot. */
static void draw_points(PlotGrid *g, const PlotSeries *s)
{
    for (int i = 0; i < s->n; i++) {
        double dx, dy;
        if (!frame_dot(&g->frame, s->x[i], s->y[i], &dx, &dy) || !dot_inside(&g->frame, dx, dy))
            continue;
        if (s->mark) {
            int cx, cy;
            dot_cell(&g->frame, dx, dy, &cx, &cy);
            plot_put(g, cx, cy, s->mark, s->color);
        } else {
            set_dot(g, (int)lround(dx), (int)lround(dy), s->color);
        }
    }
}

/* ---- charts ------------------------------------------------------------------------------- */

/* The left axis (│ with ┤ at ticks, labels right-aligned one space to its left) and the bottom
   axis (└─ with ┬ at ticks, labels centred under them, none overlapping). */
static void draw_axes(PlotGrid *g, const Axis *xa, const Axis *ya)
{
    const PlotFrame *f = &g->frame;
    const int axis_col = f->left - 1, axis_row = f->top + f->height;
    for (int r = f->top; r < axis_row; r++)
        plot_put(g, axis_col, r, G_VLINE, PLOT_DIM);
    plot_put(g, axis_col, axis_row, G_CORNER, PLOT_DIM);
    for (int c = f->left; c < f->left + f->width; c++)
        plot_put(g, c, axis_row, G_HLINE, PLOT_DIM);

    for (int i = 0; i < ya->nticks; i++) {
        double dy = (ya->hi - ya->tick[i]) / (ya->hi - ya->lo) * (4 * f->height - 1);
        int row = f->top + (int)lround(dy) / 4;
        plot_put(g, axis_col, row, G_TICK_LEFT, PLOT_DIM);
        plot_text(g, axis_col - 1 - (int)strlen(ya->label[i]), row, ya->label[i], PLOT_DEFAULT);
    }
    int free_from = 0;                   /* first column after the previous x label and a gap */
    for (int i = 0; i < xa->nticks; i++) {
        double dx = (xa->tick[i] - xa->lo) / (xa->hi - xa->lo) * (2 * f->width - 1);
        int col = f->left + (int)lround(dx) / 2, len = (int)strlen(xa->label[i]);
        plot_put(g, col, axis_row, G_TICK_DOWN, PLOT_DIM);
        int start = col - len / 2;
        if (start + len > g->width)
            start = g->width - len;
        if (start < free_from)
            continue;
        plot_text(g, start, axis_row + 1, xa->label[i], PLOT_DEFAULT);
        free_from = start + len + 1;
    }
}

/* The legend: a sample of each named series (a line, or its marker) and its name, in its
   colour, starting under the plotting area. */
static void draw_legend(PlotGrid *g, const PlotSeries *series, int nseries, bool scatter,
                        int row)
{
    int col = g->frame.left;
    for (int s = 0; s < nseries; s++) {
        if (!nonempty(series[s].name))
            continue;
        if (scatter) {
            plot_put(g, col, row, series[s].mark ? series[s].mark : G_BULLET, series[s].color);
            col += 2;
        } else {
            plot_put(g, col, row, G_HLINE, series[s].color);
            plot_put(g, col + 1, row, G_HLINE, series[s].color);
            col += 3;
        }
        plot_text(g, col, row, series[s].name, series[s].color);
        col += utf8_length(series[s].name) + 2;
    }
}

/* The frame, axes and labels of a chart, then its series as lines or points. */
static PlotGrid *chart_new(const PlotSeries *series, int nseries, const PlotAxes *axes,
                           int width, int height, bool scatter)
{
    if (width < 20 || height < 6 || nseries < 0 || (nseries > 0 && !series))
        return NULL;
    PlotAxes fit_all = plot_axes(NULL, NULL, NULL);
    if (!axes)
        axes = &fit_all;
    bool legend = false;
    for (int s = 0; s < nseries; s++)
        legend = legend || nonempty(series[s].name);
    bool head = nonempty(axes->title) || nonempty(axes->ylabel);

    /* rows: [head], area, axis, tick labels, [x label], [legend] — at most 5 besides the area */
    int top = head ? 1 : 0;
    int area_h = height - top - 2 - nonempty(axes->xlabel) - legend;

    double xr[2] = { 0, 1 }, yr[2] = { 0, 1 };
    bool have = data_extent(series, nseries, axes->logx, axes->logy, xr, yr);
    Axis xa, ya;
    /* the most ticks (3–5 where there is room) whose labels have a blank row between them, or
       in a short chart at least a row of their own */
    for (int m = 5; m >= 2; m--) {
        axis_fit(&ya, axes->logy, have, yr, axes->ymin, axes->ymax, m);
        if (m == 2 || tick_spacing(&ya, 4 * area_h, 4) >= (area_h >= 8 ? 2 : 1))
            break;
    }
    int axis_col = ya.label_width + 1;
    if (axis_col > width / 2)          /* absurd labels lose their left end, not the chart */
        axis_col = width / 2;
    int left = axis_col + 1, area_w = width - left;
    for (int m = 6; m >= 2; m--) {     /* most ticks whose labels do not touch */
        axis_fit(&xa, axes->logx, have, xr, axes->xmin, axes->xmax, m);
        if (m == 2 || tick_spacing(&xa, 2 * area_w, 2) >= xa.label_width + 1)
            break;
    }

    PlotGrid *g = plot_grid_new(width, height);
    g->frame = (PlotFrame){ .set = true, .left = left, .top = top, .width = area_w,
                            .height = area_h, .xmin = xa.lo, .xmax = xa.hi, .ymin = ya.lo,
                            .ymax = ya.hi, .logx = axes->logx, .logy = axes->logy };
    draw_axes(g, &xa, &ya);
    for (int s = 0; s < nseries; s++) {
        if (!series[s].x || !series[s].y)
            continue;
        if (scatter)
            draw_points(g, &series[s]);
        else
            draw_polyline(g, &series[s]);
    }

    if (head) {
        int ylen = nonempty(axes->ylabel) ? utf8_length(axes->ylabel) : 0;
        plot_text(g, 0, 0, axes->ylabel, PLOT_DEFAULT);
        if (nonempty(axes->title)) {
            int start = left + (area_w - utf8_length(axes->title)) / 2;
            if (ylen && start < ylen + 2)
                start = ylen + 2;
            plot_text(g, start < 0 ? 0 : start, 0, axes->title, PLOT_DEFAULT);
        }
    }
    int row = top + area_h + 2;
    if (nonempty(axes->xlabel)) {
        int start = left + (area_w - utf8_length(axes->xlabel)) / 2;
        plot_text(g, start < 0 ? 0 : start, row++, axes->xlabel, PLOT_DEFAULT);
    }
    if (legend)
        draw_legend(g, series, nseries, scatter, row);
    return g;
}

PlotAxes plot_axes(const char *title, const char *xlabel, const char *ylabel)
{
    return (PlotAxes){ .title = title, .xlabel = xlabel, .ylabel = ylabel, .xmin = NAN,
                       .xmax = NAN, .ymin = NAN, .ymax = NAN };
}

PlotGrid *plot_lines(const PlotSeries *series, int nseries, const PlotAxes *axes, int width,
                     int height)
{
    return chart_new(series, nseries, axes, width, height, false);
}

PlotGrid *plot_scatter(const PlotSeries *series, int nseries, const PlotAxes *axes, int width,
                       int height)
{
    return chart_new(series, nseries, axes, width, height, true);
}

/* Arrow heads by direction on screen, counter-clockwise from "right" in steps of 45°. */
static const uint32_t ARROW_HEAD[8] = { 0x2192, 0x2197, 0x2191, 0x2196,
                                        0x2190, 0x2199, 0x2193, 0x2198 };

void plot_arrow(PlotGrid *g, double x0, double y0, double x1, double y1, int color)
{
    double ax, ay, bx, by;
    if (!g || !g->frame.set || !frame_dot(&g->frame, x0, y0, &ax, &ay) ||
        !frame_dot(&g->frame, x1, y1, &bx, &by))
        return;
    draw_segment(g, ax, ay, bx, by, color);
    if (!dot_inside(&g->frame, bx, by))
        return;                          /* the head is off the chart: the shaft shows it */
    /* dots are about square on screen (a cell is 2 dots wide, 4 high, and twice as high as
       wide), so the angle in dot space is the angle the learner sees; y grows downwards */
    uint32_t head = G_BULLET;
    if (fabs(bx - ax) >= 0.5 || fabs(by - ay) >= 0.5) {
        long octant = lround(atan2(ay - by, bx - ax) / atan(1));
        head = ARROW_HEAD[(octant % 8 + 8) % 8];
    }
    int cx, cy;
    dot_cell(&g->frame, bx, by, &cx, &cy);
    plot_put(g, cx, cy, head, color);
}

void plot_mark(PlotGrid *g, double x, double y, uint32_t glyph, const char *label, int color)
{
    double dx, dy;
    if (!g || !g->frame.set || !frame_dot(&g->frame, x, y, &dx, &dy) ||
        !dot_inside(&g->frame, dx, dy))
        return;
    int cx, cy;
    dot_cell(&g->frame, dx, dy, &cx, &cy);
    plot_put(g, cx, cy, glyph ? glyph : G_CIRCLE, color);
    if (!nonempty(label))
        return;
    int len = utf8_length(label), start = cx + 2;      /* right of the mark, or else left */
    if (start + len > g->width && cx - 1 - len >= g->frame.left)
        start = cx - 1 - len;
    plot_put(g, start > cx ? cx + 1 : cx - 1, cy, ' ', PLOT_DEFAULT);   /* a clear gap */
    plot_text(g, start, cy, label, color);
}

/* ---- images ------------------------------------------------------------------------------- */

/* Shade ramps for images without colour, darkest first. */
static const char ASCII_RAMP[] = " .:-=+*#%@";
static const uint32_t UNICODE_RAMP[] = { ' ', 0x2591, 0x2592, 0x2593, G_FULL };

/* Mean of the source pixels under output pixel (ox, oy) of an ow×oh resampling, mapped to
   0…1 (lo … hi, clamped); non-finite pixels are left out, and a block of only those is 0. */
static double box_mean(const double *pixels, int rows, int cols, int ow, int oh, int ox,
                       int oy, double lo, double hi)
{
    int r0 = (int)((long)oy * rows / oh), r1 = (int)((long)(oy + 1) * rows / oh);
    int c0 = (int)((long)ox * cols / ow), c1 = (int)((long)(ox + 1) * cols / ow);
    r1 = r1 > r0 ? r1 : r0 + 1;
    c1 = c1 > c0 ? c1 : c0 + 1;
    double sum = 0;
    int n = 0;
    for (int r = r0; r < r1; r++) {
        for (int c = c0; c < c1; c++) {     /* pixels[r, c] */
            double v = pixels[(size_t)r * (size_t)cols + (size_t)c];
            if (isfinite(v)) {
                sum += v;
                n++;
            }
        }
    }
    return n ? clamp01((sum / n - lo) / (hi - lo)) : 0;
}

/* A shade glyph for v in 0…1 from a ramp of n glyphs. */
static uint32_t ramp_glyph(double v, bool utf8)
{
    int n = utf8 ? (int)(sizeof UNICODE_RAMP / sizeof *UNICODE_RAMP) : (int)strlen(ASCII_RAMP);
    int i = (int)(v * n);
    i = i >= n ? n - 1 : i;
    return utf8 ? UNICODE_RAMP[i] : (uint32_t)ASCII_RAMP[i];
}

PlotGrid *plot_image(const double *pixels, int rows, int cols, double lo, double hi,
                     int max_width, int max_height, PlotStyle style)
{
    if (!pixels || rows < 1 || cols < 1 || max_width < 1 || max_height < 1 || !isfinite(lo) ||
        !isfinite(hi) || !(hi > lo))
        return NULL;
    /* a cell is one pixel wide and two high, so pixels stay square; shrink (never enlarge)
       to fit max_width × 2·max_height pixels */
    double s = fmin(1.0, fmin((double)max_width / cols, 2.0 * max_height / rows));
    int ow = (int)lround(cols * s), oh = (int)lround(rows * s);
    ow = ow < 1 ? 1 : ow > max_width ? max_width : ow;
    oh = oh < 1 ? 1 : oh > 2 * max_height ? 2 * max_height : oh;

    PlotGrid *g = plot_grid_new(ow, (oh + 1) / 2);
    for (int cy = 0; cy < g->height; cy++) {
        for (int cx = 0; cx < ow; cx++) {
            PlotCell *c = cell_at(g, cx, cy);
            double upper = box_mean(pixels, rows, cols, ow, oh, cx, 2 * cy, lo, hi);
            bool has_lower = 2 * cy + 1 < oh;     /* an odd last pixel row has no lower half */
            double lower = has_lower ? box_mean(pixels, rows, cols, ow, oh, cx, 2 * cy + 1, lo,
                                                hi) : upper;
            if (style.color && style.utf8) {
                *c = (PlotCell){ G_UPPER_HALF, (uint16_t)plot_grey(upper),
                                 has_lower ? (uint16_t)plot_grey(lower) : 0 };
            } else {
                double mean = (upper + lower) / 2;
                *c = (PlotCell){ ramp_glyph(mean, style.utf8),
                                 style.color ? (uint16_t)plot_grey(mean) : 0, 0 };
            }
        }
    }
    return g;
}

/* ---- PNG ---------------------------------------------------------------------------------- */

typedef struct { char msg[200]; } PngError;

static void png_on_error(png_structp png, png_const_charp msg)
{
    PngError *e = png_get_error_ptr(png);
    snprintf(e->msg, sizeof e->msg, "%s", msg);
    png_longjmp(png, 1);
}

static void png_on_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

static void set_err(char *err, int errlen, const char *fmt, const char *path, const char *why)
{
    if (err && errlen > 0)
        snprintf(err, (size_t)errlen, fmt, path, why);
}

/* A row of the image as 8-bit grey: lo → 0, hi → 255, clamped; non-finite is black. */
static void grey_row(png_bytep out, const double *row, int cols, double lo, double hi)
{
    for (int c = 0; c < cols; c++) {
        double v = isfinite(row[c]) ? clamp01((row[c] - lo) / (hi - lo)) : 0;
        out[c] = (png_byte)lround(255 * v);
    }
}

int plot_write_png(const char *path, const double *pixels, int rows, int cols, double lo,
                   double hi, char *err, int errlen)
{
    if (err && errlen > 0)
        err[0] = '\0';
    if (!path || !*path || !pixels || rows < 1 || cols < 1 || !isfinite(lo) || !isfinite(hi) ||
        !(hi > lo)) {
        set_err(err, errlen, "cannot write %s: %s", path ? path : "(no file)",
                "no image to write (empty, or its grey range lo…hi is empty)");
        return -1;
    }
    FILE *f = fopen(path, "wb");
    if (!f) {
        set_err(err, errlen, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    PngError pe = { "out of memory" };
    png_bytep row = plot_alloc((size_t)cols);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &pe, png_on_error,
                                              png_on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    bool failed = !info;
    if (!failed && setjmp(png_jmpbuf(png)))  /* libpng reports every failure from here on */
        failed = true;
    if (failed) {
        png_destroy_write_struct(&png, &info);
        fclose(f);
        remove(path);
        free(row);
        set_err(err, errlen, "cannot write %s: %s", path, pe.msg);
        return -1;
    }
    png_init_io(png, f);
    png_set_IHDR(png, info, (png_uint_32)cols, (png_uint_32)rows, 8, PNG_COLOR_TYPE_GRAY,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int r = 0; r < rows; r++) {        /* pixels[r, :] */
        grey_row(row, pixels + (size_t)r * (size_t)cols, cols, lo, hi);
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    free(row);
    failed = fflush(f) != 0 || ferror(f);
    int saved = errno;
    if (fclose(f) != 0 && !failed) {
        failed = true;
        saved = errno;
    }
    if (failed) {
        remove(path);
        set_err(err, errlen, "cannot write %s: %s", path, strerror(saved));
        return -1;
    }
    return 0;
}
