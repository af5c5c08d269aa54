/*
 * plot.h — pictures in a character grid: progress bars, line charts with axes and labels,
 * scatter plots (with arrows, e.g. eigenvectors over data), and greyscale/colour images in
 * half blocks or braille. No curses here: a grid is cells (a code point + a colour); the CLI
 * renders it as text (ANSI colours optional), the TUI draws the same cells with curses, and
 * images can also be written to PNG files.
 *
 * Ownership: every *_new returns an object the caller frees with the matching *_free;
 * plot_render returns a string the caller frees.
 */
#ifndef LA4AI_PLOT_H
#define LA4AI_PLOT_H

#include <stdbool.h>
#include <stdint.h>

/* Colours: PLOT_DEFAULT, eight named ones for series/clusters, or a 256-colour grey/RGB
   index from plot_grey/plot_rgb (used by images). */
enum { PLOT_DEFAULT = 0, PLOT_RED, PLOT_GREEN, PLOT_YELLOW, PLOT_BLUE, PLOT_MAGENTA,
       PLOT_CYAN, PLOT_WHITE, PLOT_DIM, PLOT_NAMED_COLOURS };

/* Colour values for images, both 16 + an xterm-256 index: the grey nearest to v (0 black …
   1 white, clamped; NaN is black) among the grey ramp 232–255 and the six greys of the
   6×6×6 cube, and the cube colour nearest to (r, g, b), each in 0…1. */
int plot_grey(double v);
int plot_rgb(double r, double g, double b);

typedef struct {
    uint32_t ch;       /* a Unicode code point (' ' when empty) */
    uint16_t fg, bg;   /* colour indices as above, or 16 + xterm-256 index */
} PlotCell;

typedef struct {
    bool set;                  /* a chart frame was drawn */
    int left, top, width, height;       /* the plotting area, in cells */
    double xmin, xmax, ymin, ymax;      /* its data limits (log10 of them on log axes) */
    bool logx, logy;
} PlotFrame;

typedef struct {
    int width, height;
    PlotCell *cells;   /* row-major, width*height */
    PlotFrame frame;   /* set by plot_lines/plot_scatter, used by plot_arrow/plot_mark */
} PlotGrid;

typedef struct {
    bool utf8;         /* false: ASCII only ('#', '-', '|', '.', '*' …) */
    bool color;        /* false: no colour escapes (monochrome, NO_COLOR) */
} PlotStyle;

/* The style for this process's stdout: UTF-8 if the locale says so, colour if stdout is a
   terminal, NO_COLOR is unset and TERM is not "dumb" (LA4AI_COLOR=1/0 forces it). */
PlotStyle plot_style_auto(void);

PlotGrid *plot_grid_new(int width, int height);
void plot_grid_free(PlotGrid *g);
void plot_put(PlotGrid *g, int x, int y, uint32_t ch, int fg);           /* clipped */
void plot_text(PlotGrid *g, int x, int y, const char *utf8, int fg);     /* clipped */
/* The grid as text: one line per row, trailing spaces trimmed, ANSI SGR colours when
   style.color, ASCII stand-ins for non-ASCII glyphs when !style.utf8. Caller frees. */
char *plot_render(const PlotGrid *g, PlotStyle style);

/* A progress bar of `width` cells filled to `fraction` (0…1, clamped; NaN is 0), rounded
   down to eighth blocks ("█▋░░") or to whole cells "##--" in ASCII, so it is full only at 1.
   No colour escapes (style.color is not used: callers colour it). Caller frees; never NULL. */
char *plot_bar(double fraction, int width, PlotStyle style);

typedef struct {
    const char *name;          /* legend label (may be NULL) */
    const double *x, *y;       /* n points; NaN/inf points are skipped */
    int n;
    int color;                 /* PLOT_RED … */
    uint32_t mark;             /* scatter marker ('•', '*'); 0 = braille dots */
} PlotSeries;

typedef struct {
    const char *title, *xlabel, *ylabel;
    bool logx, logy;           /* logarithmic axes (non-positive values skipped) */
    double xmin, xmax, ymin, ymax; /* NaN = fit the data: the limit reaches the next tick
                                      when that adds at most a tenth of the data's span (on a
                                      log axis, at least the next whole decade) */
} PlotAxes;

/* A fresh PlotAxes with every limit NaN (auto) and nothing else set. */
PlotAxes plot_axes(const char *title, const char *xlabel, const char *ylabel);

/* Line chart (points joined, braille resolution 2×4 per cell) of the series in a grid of
   width×height cells, with axes, tick labels, axis labels, title and legend.
   Returns NULL if width < 20 or height < 6. */
PlotGrid *plot_lines(const PlotSeries *series, int nseries, const PlotAxes *axes, int width,
                     int height);
/* Scatter plot: the same frame, each point a marker (or braille dot) in its series' colour. */
PlotGrid *plot_scatter(const PlotSeries *series, int nseries, const PlotAxes *axes, int width,
                       int height);
/* Draws an arrow in data coordinates on a grid made by plot_lines/plot_scatter (the grid
   remembers its frame): from (x0, y0) to (x1, y1), a braille shaft clipped to the plotting
   area and a head (→ ↗ ↑ …) in the cell of (x1, y1) if that lies inside. No frame: nothing. */
void plot_arrow(PlotGrid *g, double x0, double y0, double x1, double y1, int color);
/* Marks the point (x, y) with a glyph (0 = '●') and a label, e.g. the elbow of a curve: the
   label goes one blank cell to the right, or to the left when it would not fit. Points
   outside the plotting area, or a grid without a frame, are left alone. */
void plot_mark(PlotGrid *g, double x, double y, uint32_t glyph, const char *label, int color);

/* A greyscale image (rows×cols values, row-major; lo maps to black, hi to white) drawn into
   at most max_width×max_height cells with upper-half blocks (two pixel rows per cell, grey
   colours) — or, without colour or UTF-8, an ASCII/Unicode shade ramp (grey-coloured if
   colour is on). Aspect ratio kept; images are shrunk by averaging, never enlarged, and the
   grid is just large enough. Non-finite pixels are left out of averages (alone, black).
   NULL if there is no image,
   a size is below 1 or the range lo…hi is empty. */
PlotGrid *plot_image(const double *pixels, int rows, int cols, double lo, double hi,
                     int max_width, int max_height, PlotStyle style);

/* Writes a greyscale image to a PNG file (8-bit, values clamped to [lo, hi]; non-finite is
   black).
   0 or -1 with err filled ("cannot write PATH: why"; err may be NULL); a failed write leaves
   no file behind. */
int plot_write_png(const char *path, const double *pixels, int rows, int cols, double lo,
                   double hi, char *err, int errlen);

#endif /* LA4AI_PLOT_H */
