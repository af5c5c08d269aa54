/*
 * test_plot.c — the plot module on small grids: bars, rendering (colour escapes, ASCII
 * stand-ins), line and scatter charts, arrows, marks, images, PNG files.
 *
 * Expected cells are computed from the frame a chart reports (limits on the first and last
 * braille dot) and from the braille and xterm-256 standards, not copied from the output.
 */
#include <check.h>
#include <errno.h>
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plot.h"

static const PlotStyle UTF8_COLOR = { true, true }, UTF8_PLAIN = { true, false },
                       ASCII_COLOR = { false, true }, ASCII_PLAIN = { false, false };

/* ---- helpers ------------------------------------------------------------------------------ */

static uint32_t ch_at(const PlotGrid *g, int x, int y)
{
    ck_assert(x >= 0 && y >= 0 && x < g->width && y < g->height);
    return g->cells[y * g->width + x].ch;
}

static const PlotCell *cell(const PlotGrid *g, int x, int y)
{
    ck_assert(x >= 0 && y >= 0 && x < g->width && y < g->height);
    return &g->cells[y * g->width + x];
}

static bool is_braille(uint32_t ch) { return ch >= 0x2800 && ch <= 0x28FF; }

/* Whether braille dot (dx, dy) of the plotting area is set (Unicode: dots 1-2-3-7 down the left
   column are bits 0, 1, 2, 6; dots 4-5-6-8 down the right are bits 3, 4, 5, 7). */
static bool dot_set(const PlotGrid *g, int dx, int dy)
{
    static const uint8_t bit[4][2] = { { 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 },
                                       { 0x40, 0x80 } };
    const PlotFrame *f = &g->frame;
    if (dx < 0 || dy < 0 || dx >= 2 * f->width || dy >= 4 * f->height)
        return false;
    uint32_t ch = ch_at(g, f->left + dx / 2, f->top + dy / 4);
    return is_braille(ch) && ((ch - 0x2800) & bit[dy % 4][dx % 2]);
}

/* Data to unrounded dot coordinates by the frame's definition: the limits sit on the first and
   last dot, y grows downwards, log axes hold log10 limits. */
static void to_dot(const PlotFrame *f, double x, double y, double *dx, double *dy)
{
    double ax = f->logx ? log10(x) : x, ay = f->logy ? log10(y) : y;
    *dx = (ax - f->xmin) / (f->xmax - f->xmin) * (2 * f->width - 1);
    *dy = (f->ymax - ay) / (f->ymax - f->ymin) * (4 * f->height - 1);
}

/* The grid cell of a data point. */
static void to_cell(const PlotFrame *f, double x, double y, int *cx, int *cy)
{
    double dx, dy;
    to_dot(f, x, y, &dx, &dy);
    *cx = f->left + (int)lround(dx) / 2;
    *cy = f->top + (int)lround(dy) / 4;
}

/* Row y of the grid as UTF-8 text without colour (trailing spaces trimmed). Caller frees. */
static char *row_text(const PlotGrid *g, int y)
{
    char *all = plot_render(g, UTF8_PLAIN), *line = all;
    for (int i = 0; i < y; i++) {
        line = strchr(line, '\n');
        ck_assert_ptr_nonnull(line);
        line++;
    }
    size_t n = strcspn(line, "\n");
    char *out = malloc(n + 1);
    memcpy(out, line, n);
    out[n] = '\0';
    free(all);
    return out;
}

/* How many cells of the grid hold ch. */
static int count_ch(const PlotGrid *g, uint32_t ch)
{
    int n = 0;
    for (int i = 0; i < g->width * g->height; i++)
        n += g->cells[i].ch == ch;
    return n;
}

/* Whether every cell of the plotting area is blank. */
static bool area_blank(const PlotGrid *g)
{
    const PlotFrame *f = &g->frame;
    for (int y = f->top; y < f->top + f->height; y++)
        for (int x = f->left; x < f->left + f->width; x++)
            if (ch_at(g, x, y) != ' ')
                return false;
    return true;
}

/* Brightness 0–255 of xterm-256 colour index i (16–231 the 6×6×6 cube, 232–255 the grey
   ramp), as xterm defines its palette; for cube colours, the mean of the channels. */
static double xterm_level(int i)
{
    static const int cube[6] = { 0, 95, 135, 175, 215, 255 };
    if (i >= 232)
        return 8 + 10 * (i - 232);
    ck_assert(i >= 16);
    i -= 16;
    return (cube[i / 36] + cube[i / 6 % 6] + cube[i % 6]) / 3.0;
}

/* Whether d is 1, 2 or 5 × 10^k (to rounding). */
static bool nice_number(double d)
{
    double m = d / pow(10, floor(log10(d) + 1e-9));
    return fabs(m - 1) < 1e-6 || fabs(m - 2) < 1e-6 || fabs(m - 5) < 1e-6;
}

/* Reads the numbers labelling the left axis (rows with '┤'), top to bottom. Returns how many. */
static int left_labels(const PlotGrid *g, double *out, int max)
{
    const PlotFrame *f = &g->frame;
    int n = 0;
    for (int y = f->top; y < f->top + f->height; y++) {
        if (ch_at(g, f->left - 1, y) != 0x2524)
            continue;
        char text[32] = "";
        int len = 0;
        for (int x = 0; x < f->left - 1 && len < 31; x++) {
            ck_assert_uint_lt(ch_at(g, x, y), 0x80);
            text[len++] = (char)ch_at(g, x, y);
        }
        char *end;
        double v = strtod(text, &end);
        ck_assert_msg(end != text, "no number in the label \"%s\"", text);
        if (n < max)
            out[n++] = v;
    }
    return n;
}

/* ---- progress bars ------------------------------------------------------------------------ */

static const struct { double fraction; int width; bool utf8; const char *want; } BARS[] = {
    { 0, 4, true, "░░░░" },          { 0.5, 4, true, "██░░" },     { 1, 4, true, "████" },
    { 13.0 / 32, 4, true, "█▋░░" },  { 1.0 / 8, 1, true, "▏" },    { 2.0 / 8, 1, true, "▎" },
    { 3.0 / 8, 1, true, "▍" },       { 4.0 / 8, 1, true, "▌" },    { 5.0 / 8, 1, true, "▋" },
    { 6.0 / 8, 1, true, "▊" },       { 7.0 / 8, 1, true, "▉" },    { 1, 1, true, "█" },
    { 0, 4, false, "----" },         { 0.5, 4, false, "##--" },    { 1, 4, false, "####" },
    { 0.3, 10, false, "###-------" }, { 0.36, 10, false, "###-------" },
    { 0.99, 4, true, "███▉" },        { 0.999, 4, false, "###-" },  /* full only at 1 */
    { 0.7, 10, false, "#######---" }, { 0.7, 10, true, "███████░░░" },  /* 0.7·10 is not 7 */
    { 0.145, 25, true, "███▋░░░░░░░░░░░░░░░░░░░░░" },  /* 0.145·25·8 is just under 29 */
};

START_TEST(bar_fills_by_eighths)
{
    const PlotStyle style = { BARS[_i].utf8, false };
    char *bar = plot_bar(BARS[_i].fraction, BARS[_i].width, style);
    ck_assert_msg(strcmp(bar, BARS[_i].want) == 0, "plot_bar(%g, %d, %s) = \"%s\", want \"%s\"",
                  BARS[_i].fraction, BARS[_i].width, BARS[_i].utf8 ? "utf8" : "ascii", bar,
                  BARS[_i].want);
    free(bar);
}
END_TEST

START_TEST(bar_clamps_what_it_is_given)
{
    static const struct { double fraction; int width; bool utf8; const char *want; } cases[] = {
        { -0.5, 3, true, "░░░" }, { 1.5, 3, true, "███" }, { NAN, 2, false, "--" },
        { INFINITY, 2, false, "##" }, { 0.5, 0, true, "" }, { 0.5, -3, false, "" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const PlotStyle style = { cases[i].utf8, false };
        char *bar = plot_bar(cases[i].fraction, cases[i].width, style);
        ck_assert_str_eq(bar, cases[i].want);
        free(bar);
    }
}
END_TEST

/* ---- rendering ---------------------------------------------------------------------------- */

START_TEST(render_writes_exact_colour_escapes)
{
    PlotGrid *g = plot_grid_new(8, 3);
    plot_text(g, 0, 0, "ab", PLOT_RED);
    plot_text(g, 3, 0, "c", PLOT_DEFAULT);
    plot_put(g, 1, 1, 0x2588, 16 + 196);        /* '█', xterm red 196 on grey 232 */
    g->cells[1 * 8 + 1].bg = 16 + 232;
    g->cells[2 * 8 + 5].bg = 16 + 240;          /* a space with a background is shown */

    char *out = plot_render(g, UTF8_COLOR);
    ck_assert_str_eq(out, "\x1b[0;31mab \x1b[0mc\n"
                          " \x1b[0;38;5;196;48;5;232m█\x1b[0m\n"
                          "     \x1b[0;48;5;240m \x1b[0m\n");
    free(out);
    out = plot_render(g, UTF8_PLAIN);
    ck_assert_str_eq(out, "ab c\n █\n\n");
    free(out);
    out = plot_render(g, ASCII_PLAIN);
    ck_assert_str_eq(out, "ab c\n #\n\n");
    free(out);
    out = plot_render(g, ASCII_COLOR);
    ck_assert_str_eq(out, "\x1b[0;31mab \x1b[0mc\n"
                          " \x1b[0;38;5;196;48;5;232m#\x1b[0m\n"
                          "     \x1b[0;48;5;240m \x1b[0m\n");
    free(out);

    plot_put(g, 7, 0, 'z', PLOT_DIM);            /* named colours by table: dim is 90 */
    out = plot_render(g, UTF8_COLOR);
    ck_assert_ptr_nonnull(strstr(out, "c   \x1b[0;90mz\x1b[0m\n"));
    free(out);
    plot_grid_free(g);
}
END_TEST

/* Every byte printable ASCII or a new line, plus ESC when colour is on. */
static void assert_ascii(const char *s, bool color)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        ck_assert_msg(*p < 0x80 && (*p >= 0x20 || *p == '\n' || (color && *p == 0x1b)),
                      "byte 0x%02x at offset %td", *p, (const char *)p - s);
    if (!color)
        ck_assert_ptr_null(strchr(s, 0x1b));
}

START_TEST(ascii_fallback_has_only_ascii)
{
    double x[] = { 1, 2, 3, 4, 5 }, y[] = { 3, 1, 4, 1, 5 };
    PlotSeries s[] = { { "σ₁ − κ…", x, y, 5, PLOT_RED, 0 }, { "pts", y, x, 5, PLOT_BLUE, 0x25CF } };
    PlotAxes axes = plot_axes("‖A‖ vs κ²", "κ", "σ₁");
    PlotGrid *charts[] = { plot_lines(s, 2, &axes, 50, 14), plot_scatter(s, 2, &axes, 50, 14) };
    double img[6 * 8];
    for (int i = 0; i < 6 * 8; i++)
        img[i] = i % 8;
    for (int k = 0; k < 2; k++) {
        ck_assert_ptr_nonnull(charts[k]);
        plot_arrow(charts[k], 1, 1, 4, 4, PLOT_GREEN);
        plot_mark(charts[k], 3, 3, 0x2605, "ε ≈ 0", PLOT_YELLOW);
        plot_text(charts[k], 25, 1, "bad \xff byte, 日本", PLOT_DEFAULT);
        for (int c = 0; c < 2; c++) {
            const PlotStyle style = { false, c == 1 };
            char *out = plot_render(charts[k], style);
            assert_ascii(out, style.color);
            ck_assert_ptr_nonnull(strstr(out, "s1 - k."));    /* stand-ins, not '?' */
            ck_assert_ptr_nonnull(strstr(out, "|A| vs k2"));
            free(out);
        }
        char *utf8 = plot_render(charts[k], UTF8_PLAIN);
        ck_assert_ptr_nonnull(strstr(utf8, "σ₁ − κ…"));
        ck_assert_ptr_nonnull(strstr(utf8, "│"));
        ck_assert_ptr_null(strchr(utf8, 0x1b));
        free(utf8);
        plot_grid_free(charts[k]);
    }
    PlotGrid *b = plot_grid_new(5, 1);  /* braille keeps its shape: upper, lower, both, none */
    plot_put(b, 0, 0, 0x2809, 0);        /* dots 1 and 4: the top row */
    plot_put(b, 1, 0, 0x28C0, 0);        /* dots 7 and 8: the bottom row */
    plot_put(b, 2, 0, 0x2847, 0);        /* dots 1, 2, 3, 7: the left column */
    plot_put(b, 3, 0, 0x2800, 0);
    plot_put(b, 4, 0, 'x', 0);
    char *out = plot_render(b, ASCII_PLAIN);
    ck_assert_str_eq(out, "'.: x\n");
    free(out);
    plot_grid_free(b);

    const PlotStyle images[] = { UTF8_COLOR, ASCII_COLOR, ASCII_PLAIN };
    for (size_t k = 0; k < sizeof images / sizeof *images; k++) {
        PlotGrid *g = plot_image(img, 6, 8, 0, 7, 8, 3, images[k]);
        ck_assert_ptr_nonnull(g);
        char *out = plot_render(g, ASCII_PLAIN);
        assert_ascii(out, false);
        free(out);
        plot_grid_free(g);
    }
}
END_TEST

/* ---- line charts -------------------------------------------------------------------------- */

START_TEST(line_of_y_equals_x_is_the_diagonal)
{
    double x[30], y[30];
    for (int i = 0; i < 30; i++)
        x[i] = y[i] = i;
    PlotSeries s = { NULL, x, y, 30, PLOT_GREEN, 0 };
    PlotGrid *g = plot_lines(&s, 1, NULL, 30, 10);
    ck_assert_ptr_nonnull(g);
    const PlotFrame *f = &g->frame;
    ck_assert(f->set);
    ck_assert_int_ge(f->width, 20);
    ck_assert_int_ge(f->height, 6);
    ck_assert(f->left + f->width <= 30 && f->top + f->height < 10);

    /* each dot column over the data has a dot on the line, within a dot of the exact one */
    for (int d = 0; d < 2 * f->width; d++) {
        double xv = f->xmin + d * (f->xmax - f->xmin) / (2 * f->width - 1);
        if (xv < 0 || xv > 29)
            continue;
        double dx, dy;
        to_dot(f, xv, xv, &dx, &dy);
        int e = (int)lround(dy);
        ck_assert_msg(dot_set(g, d, e) || dot_set(g, d, e - 1) || dot_set(g, d, e + 1),
                      "no dot near (%d, %d) for x = %g", d, e, xv);
    }
    /* and cells two rows off the line are empty */
    for (int c = 0; c < f->width; c++) {
        double xv = f->xmin + (2 * c + 0.5) * (f->xmax - f->xmin) / (2 * f->width - 1);
        int cx, cy;
        to_cell(f, xv, xv, &cx, &cy);
        for (int r = f->top; r < f->top + f->height; r++)
            if (abs(r - cy) >= 2)
                ck_assert_msg(ch_at(g, cx, r) == ' ', "cell (%d, %d) is not empty", cx, r);
    }
    int x0, y0, x1, y1;
    to_cell(f, 0, 0, &x0, &y0);
    to_cell(f, 29, 29, &x1, &y1);
    ck_assert(is_braille(ch_at(g, x0, y0)) && is_braille(ch_at(g, x1, y1)));
    ck_assert_uint_eq(cell(g, x0, y0)->fg, PLOT_GREEN);
    ck_assert_uint_eq(ch_at(g, f->left, f->top), ' ');                          /* top left */
    ck_assert_uint_eq(ch_at(g, f->left + f->width - 1, f->top + f->height - 1), ' ');
    plot_grid_free(g);
}
END_TEST

START_TEST(auto_limits_cover_the_data_with_nice_ticks)
{
    double x[] = { -3.2, 0.5, 4.1, 7.9 }, y[] = { 0.013, 0.049, 0.02, 0.03 };
    PlotSeries s = { "data", x, y, 4, PLOT_BLUE, 0 };
    PlotGrid *g = plot_lines(&s, 1, NULL, 50, 16);
    const PlotFrame *f = &g->frame;
    ck_assert(f->xmin <= -3.2 && f->xmax >= 7.9 && f->ymin <= 0.013 && f->ymax >= 0.049);
    /* fitted limits go past the data by at most a tenth of its span */
    ck_assert(f->xmin >= -3.2 - 1.11 - 1e-12 && f->xmax <= 7.9 + 1.11 + 1e-12);
    ck_assert(f->ymin >= 0.013 - 0.0036 - 1e-12 && f->ymax <= 0.049 + 0.0036 + 1e-12);

    double v[8];
    int n = left_labels(g, v, 8);
    ck_assert_int_ge(n, 3);
    ck_assert_int_le(n, 5);
    for (int i = 1; i < n; i++) {
        ck_assert_double_eq_tol(v[i - 1] - v[i], v[0] - v[1], 1e-9);
        ck_assert(v[i] >= f->ymin - 1e-12 && v[i - 1] <= f->ymax + 1e-12);
    }
    ck_assert_msg(nice_number(v[0] - v[1]), "tick step %g", v[0] - v[1]);
    ck_assert_double_eq_tol(v[0], f->ymax, 1e-12);   /* ticks 0.01 and 0.05 were near: */
    ck_assert_double_eq_tol(v[n - 1], f->ymin, 1e-12); /* the limits reach them */
    int last = -10;                      /* a tall chart leaves a blank row between labels */
    for (int y = f->top; y < f->top + f->height; y++) {
        if (ch_at(g, f->left - 1, y) == 0x2524) {
            ck_assert_int_ge(y - last, 2);
            last = y;
        }
    }

    /* the bottom labels: numbers, evenly and nicely spaced */
    char *row = row_text(g, f->top + f->height + 1), *p = row, *end;
    double xs[8];
    int nx = 0;
    for (double t; nx < 8 && (t = strtod(p, &end), end != p); p = end)
        xs[nx++] = t;
    ck_assert_int_ge(nx, 2);
    for (int i = 2; i < nx; i++)
        ck_assert_double_eq_tol(xs[i] - xs[i - 1], xs[1] - xs[0], 1e-9);
    ck_assert(nice_number(xs[1] - xs[0]));
    free(row);
    char *legend = row_text(g, g->height - 1);
    ck_assert_ptr_nonnull(strstr(legend, "── data"));
    free(legend);
    plot_grid_free(g);
}
END_TEST

START_TEST(short_charts_keep_labels_apart)
{
    double x[] = { 0, 1, 2, 3, 4 }, y[] = { 0, 1, 2, 3, 4 };
    PlotSeries s = { "y", x, y, 5, PLOT_RED, 0 };
    PlotAxes axes = plot_axes("title", "x", "y");
    PlotGrid *g = plot_lines(&s, 1, &axes, 30, 9);     /* four rows of plotting area */
    const PlotFrame *f = &g->frame;
    ck_assert_int_eq(f->height, 4);
    double v[8];
    int n = left_labels(g, v, 8);
    ck_assert_int_ge(n, 2);
    for (int i = 1; i < n; i++) {        /* none overwritten: evenly spaced, top to bottom */
        ck_assert(v[i] < v[i - 1]);
        ck_assert_double_eq_tol(v[i - 1] - v[i], v[0] - v[1], 1e-9);
    }
    plot_grid_free(g);
}
END_TEST

START_TEST(narrow_charts_keep_x_labels_apart)
{
    double x[] = { 123456, 987654 }, y[] = { 0, 1 };
    PlotSeries s = { NULL, x, y, 2, PLOT_RED, 0 };
    for (int w = 20; w <= 34; w += 7) {
        PlotGrid *g = plot_lines(&s, 1, NULL, w, 8);
        char *row = row_text(g, g->frame.top + g->frame.height + 1), *p = row, *end;
        double xs[8];
        int n = 0;
        for (double t; n < 8 && (t = strtod(p, &end), end != p); p = end) {
            ck_assert_msg(*end == ' ' || *end == '\0', "labels run together in \"%s\"", row);
            xs[n++] = t;
        }
        ck_assert_int_ge(n, 1);
        ck_assert_msg(strstr(row, "e+") == NULL && strstr(row, "e0") == NULL,
                      "exponents not written like 5e5: \"%s\"", row);
        for (int i = 2; i < n; i++)
            ck_assert_double_eq_tol(xs[i] - xs[i - 1], xs[1] - xs[0], 1e-6);
        free(row);
        plot_grid_free(g);
    }
}
END_TEST

START_TEST(nan_and_infinite_points_are_skipped)
{
    double x[] = { 0, 1, 2, 3, NAN }, y[] = { 0, NAN, INFINITY, 3, 100 };
    PlotSeries s = { NULL, x, y, 5, PLOT_RED, 0 };
    PlotGrid *g = plot_lines(&s, 1, NULL, 40, 12);
    const PlotFrame *f = &g->frame;
    ck_assert(f->ymax >= 3 && f->ymax < 100 && f->xmax >= 3 && f->xmax < 4);
    double dx, dy;                       /* (0,0) and (3,3) are joined across the gap */
    to_dot(f, 1.5, 1.5, &dx, &dy);
    int d = (int)lround(dx), e = (int)lround(dy);
    ck_assert(dot_set(g, d, e) || dot_set(g, d, e - 1) || dot_set(g, d, e + 1));
    plot_grid_free(g);

    double far[] = { 5e-6, 1e299, -1e299, 7e-6 };    /* far off a tiny window: no overflow */
    PlotSeries wild = { NULL, far, far, 4, PLOT_RED, 0 };
    PlotAxes tiny = plot_axes(NULL, NULL, NULL);
    tiny.xmin = tiny.ymin = 0;
    tiny.xmax = tiny.ymax = 1e-5;
    g = plot_lines(&wild, 1, &tiny, 40, 12);
    plot_arrow(g, 5e-6, 5e-6, 1e299, 1e299, PLOT_RED);
    plot_arrow(g, 5e-6, 5e-6, 5e-6, 5e-6, PLOT_RED);           /* no length: a dot for a head */
    int mx, my;
    to_cell(&g->frame, 5e-6, 5e-6, &mx, &my);
    ck_assert_uint_eq(ch_at(g, mx, my), 0x2022);
    plot_grid_free(g);

    double none[] = { NAN, INFINITY, -INFINITY };
    PlotSeries empty = { "none", none, none, 3, PLOT_RED, 0 };
    g = plot_lines(&empty, 1, NULL, 40, 12);
    ck_assert_ptr_nonnull(g);
    ck_assert(g->frame.set && g->frame.xmin < g->frame.xmax && g->frame.ymin < g->frame.ymax);
    ck_assert(area_blank(g));
    plot_grid_free(g);
}
END_TEST

START_TEST(log_axes_label_powers_of_ten)
{
    double x[15], y[15];
    for (int i = 0; i <= 12; i++) {
        x[i] = pow(10, i);               /* condition numbers 1 … 1e12 */
        y[i] = pow(10, i - 12);          /* errors 1e-12 … 1 */
    }
    x[13] = 1e3, y[13] = 0;              /* not drawable on a log axis */
    x[14] = -1, y[14] = 1e-3;
    PlotSeries s = { "error", x, y, 15, PLOT_GREEN, 0 };
    PlotAxes axes = plot_axes("error vs cond", "cond", "error");
    axes.logx = axes.logy = true;
    PlotGrid *g = plot_lines(&s, 1, &axes, 60, 16);
    const PlotFrame *f = &g->frame;
    ck_assert(f->logx && f->logy);
    ck_assert_double_eq_tol(f->ymin, -12, 1e-9);
    ck_assert_double_eq_tol(f->ymax, 0, 1e-9);
    ck_assert_double_eq_tol(f->xmin, 0, 1e-9);
    ck_assert_double_eq_tol(f->xmax, 12, 1e-9);

    char *out = plot_render(g, UTF8_PLAIN);
    ck_assert_ptr_nonnull(strstr(out, "1e-12 ┤"));
    ck_assert_ptr_nonnull(strstr(out, "1e0 ┤"));
    ck_assert_ptr_nonnull(strstr(out, "1e12"));
    ck_assert_ptr_null(strstr(out, "1e-13"));
    free(out);
    double v[8];                         /* every left label a whole decade, evenly spaced */
    int n = left_labels(g, v, 8);
    ck_assert_int_ge(n, 3);
    ck_assert_int_le(n, 5);
    for (int i = 0; i < n; i++) {
        double e = log10(v[i]);
        ck_assert_double_eq_tol(e, round(e), 1e-9);
        if (i > 1)
            ck_assert_double_eq_tol(log10(v[i - 1]) - e, log10(v[0]) - log10(v[1]), 1e-9);
    }
    int cx, cy;                          /* the line runs corner to corner */
    to_cell(f, 1, 1e-12, &cx, &cy);
    ck_assert(is_braille(ch_at(g, cx, cy)));
    ck_assert_int_eq(cx, f->left);
    ck_assert_int_eq(cy, f->top + f->height - 1);
    to_cell(f, 1e12, 1, &cx, &cy);
    ck_assert(is_braille(ch_at(g, cx, cy)));
    plot_grid_free(g);
}
END_TEST

/* ---- scatter, arrows, marks --------------------------------------------------------------- */

static PlotAxes square_axes(double lo, double hi)
{
    PlotAxes axes = plot_axes(NULL, NULL, NULL);
    axes.xmin = axes.ymin = lo;
    axes.xmax = axes.ymax = hi;
    return axes;
}

START_TEST(scatter_puts_markers_in_their_cells)
{
    double x[] = { 0, 10, 2, 11 }, y[] = { 0, 10, 7, 5 };    /* (11, 5) is outside the limits */
    double dotx[] = { 5 }, doty[] = { 5 };
    PlotSeries s[] = { { NULL, x, y, 4, PLOT_GREEN, '*' }, { NULL, dotx, doty, 1, PLOT_RED, 0 } };
    PlotAxes axes = square_axes(0, 10);
    PlotGrid *g = plot_scatter(s, 2, &axes, 40, 12);
    const PlotFrame *f = &g->frame;
    ck_assert_double_eq(f->xmin, 0);
    ck_assert_double_eq(f->xmax, 10);
    for (int i = 0; i < 3; i++) {
        int cx, cy;
        to_cell(f, x[i], y[i], &cx, &cy);
        ck_assert_msg(ch_at(g, cx, cy) == '*', "no marker for (%g, %g) at (%d, %d)", x[i], y[i],
                      cx, cy);
        ck_assert_uint_eq(cell(g, cx, cy)->fg, PLOT_GREEN);
    }
    ck_assert_int_eq(count_ch(g, '*'), 3);
    int cx, cy;
    to_cell(f, 0, 0, &cx, &cy);
    ck_assert_int_eq(cx, f->left);                        /* limits on the area's edges */
    ck_assert_int_eq(cy, f->top + f->height - 1);
    to_cell(f, 10, 10, &cx, &cy);
    ck_assert_int_eq(cx, f->left + f->width - 1);
    ck_assert_int_eq(cy, f->top);

    double dx, dy;                                       /* a braille dot: exactly one bit */
    to_dot(f, 5, 5, &dx, &dy);
    int d = (int)lround(dx), e = (int)lround(dy);
    ck_assert(dot_set(g, d, e));
    uint32_t ch = ch_at(g, f->left + d / 2, f->top + e / 4);
    ck_assert(is_braille(ch));
    int bits = 0;
    for (uint32_t b = ch - 0x2800; b; b >>= 1)
        bits += b & 1;
    ck_assert_int_eq(bits, 1);
    ck_assert_uint_eq(cell(g, f->left + d / 2, f->top + e / 4)->fg, PLOT_RED);
    plot_grid_free(g);
}
END_TEST

static const struct { double x1, y1; uint32_t head; } ARROWS[] = {
    { 0.8, 0, 0x2192 }, { 0, 0.8, 0x2191 }, { -0.8, 0, 0x2190 }, { 0, -0.8, 0x2193 },
    { 0.7, 0.7, 0x2197 }, { -0.7, -0.7, 0x2199 },
};

START_TEST(arrow_ends_in_the_right_cell)
{
    PlotAxes axes = square_axes(-1, 1);
    PlotSeries none = { NULL, NULL, NULL, 0, 0, 0 };
    PlotGrid *g = plot_scatter(&none, 1, &axes, 33, 18);
    const PlotFrame *f = &g->frame;
    double dx, dy, ox, oy;
    to_dot(f, ARROWS[_i].x1, ARROWS[_i].y1, &dx, &dy);
    to_dot(f, 0, 0, &ox, &oy);
    double angle = atan2(oy - dy, dx - ox) * 180 / M_PI;   /* as seen: dots are square */
    if (ARROWS[_i].x1 != 0 && ARROWS[_i].y1 != 0)
        ck_assert_msg(fabs(fmod(fabs(angle), 90) - 45) < 22.5, "diagonal at %g°", angle);

    plot_arrow(g, 0, 0, ARROWS[_i].x1, ARROWS[_i].y1, PLOT_MAGENTA);
    int hx, hy, tx, ty, mx, my;
    to_cell(f, ARROWS[_i].x1, ARROWS[_i].y1, &hx, &hy);
    to_cell(f, 0, 0, &tx, &ty);
    to_cell(f, ARROWS[_i].x1 / 2, ARROWS[_i].y1 / 2, &mx, &my);
    ck_assert_msg(ch_at(g, hx, hy) == ARROWS[_i].head, "head U+%04X at (%d, %d), want U+%04X",
                  ch_at(g, hx, hy), hx, hy, ARROWS[_i].head);
    ck_assert_uint_eq(cell(g, hx, hy)->fg, PLOT_MAGENTA);
    ck_assert(is_braille(ch_at(g, tx, ty)) && is_braille(ch_at(g, mx, my)));
    ck_assert_int_eq(count_ch(g, ARROWS[_i].head), 1);
    plot_grid_free(g);
}
END_TEST

START_TEST(arrow_leaving_the_chart_has_no_head)
{
    PlotAxes axes = square_axes(-1, 1);
    PlotGrid *g = plot_scatter(NULL, 0, &axes, 33, 18);
    const PlotFrame *f = &g->frame;
    plot_arrow(g, 0, 0, 5, 0, PLOT_RED);              /* shaft clipped at the right edge */
    ck_assert_int_eq(count_ch(g, 0x2192), 0);
    int cx, cy;
    to_cell(f, 1, 0, &cx, &cy);
    ck_assert_int_eq(cx, f->left + f->width - 1);
    double dx, dy;
    to_dot(f, 1, 0, &dx, &dy);
    ck_assert(dot_set(g, 2 * f->width - 1, (int)lround(dy)));   /* up to the last dot */
    plot_arrow(g, -5, 5, -3, 7, PLOT_RED);            /* wholly outside: nothing */
    plot_arrow(g, NAN, 0, 1, 1, PLOT_RED);
    ck_assert(is_braille(ch_at(g, f->left, f->top)) == false);
    plot_grid_free(g);
}
END_TEST

START_TEST(mark_draws_glyph_and_label)
{
    double x[11], y[11];
    for (int i = 0; i <= 10; i++) {
        x[i] = i;
        y[i] = i * i;
    }
    PlotSeries s = { "k²", x, y, 11, PLOT_CYAN, 0 };
    PlotAxes axes = plot_axes("curve", "k", "k²");
    PlotGrid *g = plot_lines(&s, 1, &axes, 60, 14);
    const PlotFrame *f = &g->frame;

    plot_mark(g, 5, 25, 0, "elbow", PLOT_YELLOW);
    int cx, cy;
    to_cell(f, 5, 25, &cx, &cy);
    ck_assert_uint_eq(ch_at(g, cx, cy), 0x25CF);        /* '●' by default */
    ck_assert_uint_eq(cell(g, cx, cy)->fg, PLOT_YELLOW);
    static const char elbow[] = "elbow";
    for (int i = 0; i < 5; i++) {                         /* the label, right of the mark */
        ck_assert_uint_eq(ch_at(g, cx + 2 + i, cy), (uint32_t)elbow[i]);
        ck_assert_uint_eq(cell(g, cx + 2 + i, cy)->fg, PLOT_YELLOW);
    }

    plot_mark(g, 10, 100, '+', "top", PLOT_RED);        /* at the right edge: label on the left */
    to_cell(f, 10, 100, &cx, &cy);
    ck_assert_uint_eq(ch_at(g, cx, cy), '+');
    char *row = row_text(g, cy);
    ck_assert_ptr_nonnull(strstr(row, "top +"));
    free(row);

    char *before = plot_render(g, UTF8_COLOR);        /* off the chart: nothing changes */
    plot_mark(g, 50, 50, 0, "far", PLOT_RED);
    plot_mark(g, NAN, 5, 0, "nan", PLOT_RED);
    char *after = plot_render(g, UTF8_COLOR);
    ck_assert_str_eq(before, after);
    free(before);
    free(after);
    plot_grid_free(g);
}
END_TEST

/* ---- images ------------------------------------------------------------------------------- */

START_TEST(image_gradient_in_half_blocks)
{
    double px[4 * 4];                     /* pixels[r, c]: brighter to the right, a little down */
    for (int r = 0; r < 4; r++)
        for (int c = 0; c < 4; c++)
            px[r * 4 + c] = (c * 4 + r) / 15.0;
    PlotGrid *g = plot_image(px, 4, 4, 0, 1, 10, 10, UTF8_COLOR);
    ck_assert_int_eq(g->width, 4);
    ck_assert_int_eq(g->height, 2);                    /* two pixel rows a cell */
    for (int cy = 0; cy < 2; cy++) {
        for (int c = 0; c < 4; c++) {
            const PlotCell *k = cell(g, c, cy);
            ck_assert_uint_eq(k->ch, 0x2580);            /* '▀': fg upper, bg lower pixel */
            ck_assert_int_eq(k->fg, plot_grey(px[(2 * cy) * 4 + c]));
            ck_assert_int_eq(k->bg, plot_grey(px[(2 * cy + 1) * 4 + c]));
            ck_assert(xterm_level(k->fg - 16) <= xterm_level(k->bg - 16));
            if (c > 0) {
                ck_assert_msg(xterm_level(k->fg - 16) > xterm_level(cell(g, c - 1, cy)->fg - 16),
                              "grey does not grow from column %d to %d", c - 1, c);
                ck_assert(xterm_level(k->bg - 16) > xterm_level(cell(g, c - 1, cy)->bg - 16));
            }
        }
    }
    plot_grid_free(g);

    static const char ascii_ramp[] = " .:-=+*#%@";
    static const uint32_t unicode_ramp[] = { ' ', 0x2591, 0x2592, 0x2593, 0x2588 };
    for (int u = 0; u < 2; u++) {                         /* without colour: a shade ramp */
        const PlotStyle style = { u == 1, false };
        g = plot_image(px, 4, 4, 0, 1, 10, 10, style);
        ck_assert_int_eq(g->height, 2);
        int last = -1;
        for (int c = 0; c < 4; c++) {
            const PlotCell *k = cell(g, c, 0);
            ck_assert_uint_eq(k->fg, 0);
            ck_assert_uint_eq(k->bg, 0);
            int pos = -1;
            for (int i = 0; i < (u ? 5 : 10); i++)
                if (k->ch == (u ? unicode_ramp[i] : (uint32_t)ascii_ramp[i]))
                    pos = i;
            ck_assert_msg(pos > last, "shade at column %d is not brighter", c);
            last = pos;
        }
        plot_grid_free(g);
    }
}
END_TEST

START_TEST(image_shrinks_keeping_its_aspect)
{
    static double px[100 * 60];                      /* 100 rows × 60 columns */
    for (int i = 0; i < 100 * 60; i++)
        px[i] = i % 60;
    PlotGrid *g = plot_image(px, 100, 60, 0, 59, 30, 20, UTF8_COLOR);
    ck_assert_int_le(g->width, 30);
    ck_assert_int_le(g->height, 20);
    ck_assert(g->width == 30 || g->height == 20);     /* it fills one direction */
    ck_assert_double_eq_tol((double)g->width / (2.0 * g->height), 60.0 / 100.0, 0.05);
    plot_grid_free(g);

    double dark[2] = { NAN, INFINITY };            /* pixels that are not numbers are black */
    g = plot_image(dark, 2, 1, 0, 1, 10, 10, UTF8_COLOR);
    ck_assert_uint_eq(cell(g, 0, 0)->fg, plot_grey(0));
    ck_assert_uint_eq(cell(g, 0, 0)->bg, plot_grey(0));
    plot_grid_free(g);

    double odd[3 * 2] = { 0, 1, 0, 1, 0, 1 };        /* three rows: the last cell has no lower */
    g = plot_image(odd, 3, 2, 0, 1, 10, 10, UTF8_COLOR);
    ck_assert_int_eq(g->height, 2);
    ck_assert_uint_eq(cell(g, 1, 1)->fg, plot_grey(1));
    ck_assert_uint_eq(cell(g, 1, 1)->bg, 0);
    plot_grid_free(g);
}
END_TEST

START_TEST(grey_and_rgb_pick_xterm_colours)
{
    ck_assert_int_eq(plot_grey(0), 16 + 16);
    ck_assert_int_eq(plot_grey(1), 16 + 231);
    ck_assert_int_eq(plot_grey(-3), 16 + 16);
    ck_assert_int_eq(plot_grey(NAN), 16 + 16);
    double prev = -1;
    for (int i = 0; i <= 255; i++) {
        int c = plot_grey(i / 255.0) - 16;
        ck_assert(c == 16 || c == 231 || c >= 232 || (c - 16) % 43 == 0);   /* greys only */
        double level = xterm_level(c);
        ck_assert(level >= prev);
        ck_assert_msg(fabs(level - i) <= 9, "grey %d drawn as level %g", i, level);
        prev = level;
    }
    ck_assert_int_eq(plot_rgb(1, 0, 0), 16 + 196);
    ck_assert_int_eq(plot_rgb(0, 0, 1), 16 + 21);
    ck_assert_int_eq(plot_rgb(1, 1, 1), 16 + 231);
    ck_assert_int_eq(plot_rgb(0.5, 0.5, 0.5), 16 + 16 + 2 * 43);   /* 127 is nearest 135 */
}
END_TEST

/* ---- PNG ---------------------------------------------------------------------------------- */

START_TEST(png_reads_back)
{
    char path[] = "/tmp/la4ai-test-plot-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    const double px[2 * 4] = { 0, 5, 10, NAN, -3, 12, 2.5, INFINITY };   /* 2×4, lo 0, hi 10 */
    char err[256] = "untouched";
    ck_assert_int_eq(plot_write_png(path, px, 2, 4, 0, 10, err, sizeof err), 0);
    ck_assert_str_eq(err, "");

    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    ck_assert_msg(png_image_begin_read_from_file(&img, path), "%s", img.message);
    ck_assert_uint_eq(img.width, 4);
    ck_assert_uint_eq(img.height, 2);
    ck_assert_uint_eq(img.format & PNG_FORMAT_FLAG_COLOR, 0);    /* written as greyscale */
    img.format = PNG_FORMAT_GRAY;
    unsigned char got[8];
    ck_assert_msg(png_image_finish_read(&img, NULL, got, 4, NULL), "%s", img.message);
    /* 255·(v − lo)/(hi − lo) rounded and clamped; not a number is black */
    const unsigned char want[8] = { 0, 128, 255, 0, 0, 255, 64, 0 };
    for (int i = 0; i < 8; i++)
        ck_assert_uint_eq(got[i], want[i]);
    unlink(path);
}
END_TEST

/* ---- style -------------------------------------------------------------------------------- */

START_TEST(style_follows_locale_and_overrides)
{
    setenv("LC_ALL", "C.UTF-8", 1);
    ck_assert(plot_style_auto().utf8);
    setenv("LC_ALL", "en_US.utf8", 1);
    ck_assert(plot_style_auto().utf8);
    setenv("LC_ALL", "C", 1);
    setenv("LANG", "en_US.UTF-8", 1);
    ck_assert(!plot_style_auto().utf8);               /* LC_ALL decides */
    unsetenv("LC_ALL");
    unsetenv("LC_CTYPE");
    ck_assert(plot_style_auto().utf8);

    setenv("LA4AI_COLOR", "1", 1);
    setenv("NO_COLOR", "1", 1);
    ck_assert(plot_style_auto().color);
    setenv("LA4AI_COLOR", "0", 1);
    unsetenv("NO_COLOR");
    ck_assert(!plot_style_auto().color);
    unsetenv("LA4AI_COLOR");
    setenv("TERM", "dumb", 1);
    ck_assert(!plot_style_auto().color);
}
END_TEST

/* ---- errors ------------------------------------------------------------------------------- */

START_TEST(too_small_sizes_are_refused)
{
    double x[] = { 1, 2 }, y[] = { 1, 2 }, px[4] = { 0, 1, 2, 3 };
    PlotSeries s = { NULL, x, y, 2, PLOT_RED, 0 };
    ck_assert_ptr_null(plot_lines(&s, 1, NULL, 19, 10));
    ck_assert_ptr_null(plot_lines(&s, 1, NULL, 30, 5));
    ck_assert_ptr_null(plot_scatter(&s, 1, NULL, 19, 10));
    ck_assert_ptr_null(plot_scatter(&s, 1, NULL, 30, 5));
    PlotGrid *g = plot_lines(&s, 1, NULL, 20, 6);       /* the smallest chart there is */
    ck_assert_ptr_nonnull(g);
    ck_assert_int_ge(g->frame.height, 1);
    plot_grid_free(g);
    ck_assert_ptr_null(plot_image(px, 2, 2, 0, 3, 0, 5, UTF8_COLOR));
    ck_assert_ptr_null(plot_image(px, 2, 2, 0, 3, 5, 0, UTF8_COLOR));
    ck_assert_ptr_null(plot_image(px, 0, 2, 0, 3, 5, 5, UTF8_COLOR));
    ck_assert_ptr_null(plot_image(px, 2, 2, 3, 3, 5, 5, UTF8_COLOR));   /* empty grey range */
    ck_assert_ptr_null(plot_grid_new(0, 4));
    ck_assert_ptr_null(plot_grid_new(4, -1));
}
END_TEST

START_TEST(png_failures_are_reported)
{
    const double px[4] = { 0, 1, 2, 3 };
    char err[256];
    const char *bad = "/nonexistent-la4ai-folder/out.png";
    ck_assert_int_eq(plot_write_png(bad, px, 2, 2, 0, 3, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, bad));
    ck_assert_ptr_nonnull(strstr(err, strerror(ENOENT)));

    char path[] = "/tmp/la4ai-test-plot-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    unlink(path);
    ck_assert_int_eq(plot_write_png(path, px, 2, 2, 1, 1, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "range"));
    ck_assert_int_eq(plot_write_png(path, px, 0, 2, 0, 1, err, sizeof err), -1);
    ck_assert_int_ne(access(path, F_OK), 0);            /* nothing left behind */
    ck_assert_int_eq(plot_write_png(bad, px, 2, 2, 0, 3, NULL, 0), -1);   /* err is optional */
}
END_TEST

START_TEST(frameless_grids_ignore_arrows_and_marks)
{
    PlotGrid *g = plot_grid_new(10, 4);
    plot_arrow(g, 0, 0, 1, 1, PLOT_RED);
    plot_mark(g, 0, 0, '*', "here", PLOT_RED);
    for (int i = 0; i < 40; i++)
        ck_assert_uint_eq(g->cells[i].ch, ' ');
    plot_arrow(NULL, 0, 0, 1, 1, PLOT_RED);
    plot_mark(NULL, 0, 0, '*', "here", PLOT_RED);
    plot_grid_free(g);
    plot_grid_free(NULL);
}
END_TEST

START_TEST(text_is_clipped_and_bad_utf8_replaced)
{
    PlotGrid *g = plot_grid_new(3, 2);
    plot_text(g, -2, 0, "abcdef", PLOT_RED);            /* starts off the grid */
    plot_text(g, 0, 5, "zzz", PLOT_RED);
    plot_text(g, 0, 1, "\xff\t\xe2\x82", PLOT_DEFAULT);  /* bad byte, control, cut short */
    plot_put(g, 3, 0, 'q', PLOT_RED);
    plot_put(g, -1, 1, 'q', PLOT_RED);
    ck_assert_uint_eq(ch_at(g, 0, 0), 'c');
    ck_assert_uint_eq(ch_at(g, 2, 0), 'e');
    ck_assert_uint_eq(ch_at(g, 0, 1), 0xFFFD);
    ck_assert_uint_eq(ch_at(g, 1, 1), '?');
    ck_assert_uint_eq(ch_at(g, 2, 1), 0xFFFD);
    char *out = plot_render(g, ASCII_PLAIN);
    ck_assert_str_eq(out, "cde\n???\n");
    free(out);
    plot_grid_free(g);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("plot");
    TCase *core = tcase_create("Core");
    tcase_add_loop_test(core, bar_fills_by_eighths, 0, (int)(sizeof BARS / sizeof *BARS));
    tcase_add_test(core, render_writes_exact_colour_escapes);
    tcase_add_test(core, ascii_fallback_has_only_ascii);
    tcase_add_test(core, line_of_y_equals_x_is_the_diagonal);
    tcase_add_test(core, auto_limits_cover_the_data_with_nice_ticks);
    tcase_add_test(core, short_charts_keep_labels_apart);
    tcase_add_test(core, narrow_charts_keep_x_labels_apart);
    tcase_add_test(core, nan_and_infinite_points_are_skipped);
    tcase_add_test(core, log_axes_label_powers_of_ten);
    tcase_add_test(core, scatter_puts_markers_in_their_cells);
    tcase_add_loop_test(core, arrow_ends_in_the_right_cell, 0,
                        (int)(sizeof ARROWS / sizeof *ARROWS));
    tcase_add_test(core, arrow_leaving_the_chart_has_no_head);
    tcase_add_test(core, mark_draws_glyph_and_label);
    tcase_add_test(core, image_gradient_in_half_blocks);
    tcase_add_test(core, image_shrinks_keeping_its_aspect);
    tcase_add_test(core, grey_and_rgb_pick_xterm_colours);
    tcase_add_test(core, png_reads_back);
    tcase_add_test(core, style_follows_locale_and_overrides);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("Errors");
    tcase_add_test(errors, too_small_sizes_are_refused);
    tcase_add_test(errors, bar_clamps_what_it_is_given);
    tcase_add_test(errors, png_failures_are_reported);
    tcase_add_test(errors, frameless_grids_ignore_arrows_and_marks);
    tcase_add_test(errors, text_is_clipped_and_bad_utf8_replaced);
    suite_add_tcase(s, errors);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
