/*
 * lab.c — week 2 lab `linreg_compare`: least squares three ways, on real data and on
 * ill-conditioned data, with the learner's own linreg_normal, linreg_qr (and the
 * gram_schmidt it may call) and linreg_gd, next to the grader's Householder least squares
 * la_lstsq as the reference.
 *
 *   Part 1  Fashion-MNIST: predict the centre pixel of a 5×5 patch from its 24 neighbours
 *           and a bias. Train RMSE, held-out RMSE, distance from the reference's weights,
 *           time. Skipped, with a note on how to install the data, if it is missing.
 *   Part 2  Polynomial features 1, t, …, t^d on [0, 1] for d = 2…14, whose condition number
 *           grows about tenfold per degree: the error in w when the exact w is known, and
 *           the residual against the best possible when it is not.
 *   Then a few lines on what to see, naming what her functions did.
 *
 * Theory of operation. Every call of a method runs in a child process: the child fills w
 * with NaN (so an unwritten w shows), calls the method a few times for a median time and
 * sends back the status, the time and w through a pipe. A function that crashes, calls
 * exit or never returns therefore costs table cells, not the lab; after that it is not
 * called again (one sanitizer report, one wait is enough). If fork is refused, the calls run
 * in this process, on copies of the inputs.
 *
 * Legend: n samples (rows of X), d features (columns of X), w[d] weights, y[n] targets,
 * κ(X) = σ_max/σ_min, ε = DBL_EPSILON ≈ 2.2e-16.
 */
#define _POSIX_C_SOURCE 200809L
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "la4ai.h"
#include "la4grade.h"
#include "la4lab.h"
#include "plot.h"

#define PI 3.14159265358979323846

/* Part 1: Fashion-MNIST patches */
#define PATCH_R 2                /* 5×5 patches: the centre and 2 pixels each side */
#define P1_D ((2 * PATCH_R + 1) * (2 * PATCH_R + 1)) /* 24 neighbours + a bias = 25 */
#define P1_TRAIN_IMAGES 5000
#define P1_TEST_IMAGES 2000
#define P1_TRAIN 3000            /* patches sampled from the training images */
#define P1_TEST 2000             /* held-out patches, from the test images */
#define P1_EPOCHS 250
#define P1_REPS 3                /* time = the median of this many calls */

/* Part 2: polynomial features */
#define P2_N 200
#define P2_DMIN 2
#define P2_DMAX 14
#define P2_ROWS (P2_DMAX - P2_DMIN + 1)
#define P2_EPOCHS 500
#define P2_NOISE 1e-6

#define MAX_D 32                 /* the widest w any part uses */
#define POWER_ITERS 50
#define CALL_TIMEOUT 5.0         /* seconds for one method's calls (status_text says so) */

/* ---- the methods ------------------------------------------------------------------------- */

typedef int (*Solver)(const Matrix *X, const double *y, double *w, double lr, int epochs);

static int solve_ref(const Matrix *X, const double *y, double *w, double lr, int epochs)
{
    (void)lr;
    (void)epochs;
    return la_lstsq(X, y, w);
}

static int solve_normal(const Matrix *X, const double *y, double *w, double lr, int epochs)
{
    (void)lr;
    (void)epochs;
    return linreg_normal(X, y, w);
}

static int solve_qr(const Matrix *X, const double *y, double *w, double lr, int epochs)
{
    (void)lr;
    (void)epochs;
    return linreg_qr(X, y, w);
}

static int solve_gd(const Matrix *X, const double *y, double *w, double lr, int epochs)
{
    return linreg_gd(X, y, w, lr, epochs);
}

enum { M_REF, M_NORMAL, M_QR, M_GD, M_COUNT };

static const struct {
    const char *name;
    Solver solve;
} methods[M_COUNT] = {
    [M_REF] = { "la_lstsq (reference)", solve_ref },
    [M_NORMAL] = { "linreg_normal", solve_normal },
    [M_QR] = { "linreg_qr", solve_qr },
    [M_GD] = { "linreg_gd", solve_gd },
};

/* ---- running one method, safely ---------------------------------------------------------- */

typedef enum { OUT_OK, OUT_FAILED, OUT_NONFINITE, OUT_CRASHED, OUT_TIMEOUT, OUT_SKIPPED,
               OUT_COUNT } Status;

typedef struct {
    Status status;
    int code;           /* OUT_FAILED: the return value; OUT_CRASHED: signal or exit status */
    int signaled;       /* OUT_CRASHED: code is a signal number */
    double ms;          /* median milliseconds of one call */
    double w[MAX_D];
} Outcome;

/* What a table cell says when there is no number to show, what the table's note says, and
   how the conclusions put it. */
static const struct { const char *cell, *note, *brief; } status_text[OUT_COUNT] = {
    [OUT_OK] = { "", "", "" },
    [OUT_FAILED] = { "−1", "failed (returned %d)", "returned %d" },
    [OUT_NONFINITE] = { "NaN", "returned 0 with NaN or ∞ in w", "left NaN or ∞ in w" },
    [OUT_CRASHED] = { "crash", "crashed", "crashed" },
    [OUT_TIMEOUT] = { "t/o", "did not return within 5 s",
                      "did not return within 5" LAB_NB "s" },
    [OUT_SKIPPED] = { "skip", "not called again after it crashed or hung", "was skipped" },
};

static int given_up[M_COUNT]; /* a method that crashed or hung is not called again */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Calls method m reps times in this process; o ← status, the last w, the median time. w is a
   heap block of exactly d doubles, so that AddressSanitizer sees a write past its end. */
static void call_here(int m, const Matrix *X, const double *y, double lr, int epochs, int reps,
                      Outcome *o)
{
    int d = X->cols;
    double times[8], *w = malloc(sizeof(double) * (size_t)d);
    int rc = 0, done = 0;
    if (reps > 8)
        reps = 8;
    while (done < reps && rc == 0) {
        la_fill(w, d, NAN);
        double t0 = lab_now_ms();
        rc = methods[m].solve(X, y, w, lr, epochs);
        times[done++] = lab_now_ms() - t0;
    }
    qsort(times, (size_t)done, sizeof times[0], cmp_double);
    memcpy(o->w, w, sizeof(double) * (size_t)d);
    free(w);
    o->ms = times[done / 2];
    o->code = rc;
    o->status = rc != 0 ? OUT_FAILED : lab_all_finite(o->w, d) ? OUT_OK : OUT_NONFINITE;
}

/* A method's calls as a job for lab_run: out ← the status, the code and the median time,
   then w[MAX_D]. The job calls on copies of X and y, which she cannot spoil. */
typedef struct {
    int m;
    const Matrix *X;
    const double *y;
    double lr;
    int epochs, reps;
} MethodIn;

enum { OUT_W = 3, OUT_DOUBLES = OUT_W + MAX_D };

static int job_method(const void *vin, double *out, size_t nout)
{
    const MethodIn *in = vin;
    (void)nout;
    Matrix *X = la_mat_copy(in->X);
    double *y = malloc(sizeof(double) * (size_t)X->rows);
    memcpy(y, in->y, sizeof(double) * (size_t)X->rows);
    Outcome o;
    memset(&o, 0, sizeof o);
    call_here(in->m, X, y, in->lr, in->epochs, in->reps, &o);
    mat_free(X);
    free(y);
    out[0] = o.status;
    out[1] = o.code;
    out[2] = o.ms;
    memcpy(out + OUT_W, o.w, sizeof o.w);
    return 0;
}

/* The outcome of a call that did not return, by how lab_run saw it end. */
static const Status status_of_end[] = {
    [LAB_CRASHED] = OUT_CRASHED, [LAB_TIMEOUT] = OUT_TIMEOUT, [LAB_SKIPPED] = OUT_SKIPPED,
};

/* Runs method m on (X, y) in a child process (see the top of the file and la4lab.h); o ←
   what happened. */
static void run(int m, const Matrix *X, const double *y, double lr, int epochs, int reps,
                Outcome *o)
{
    MethodIn in = { m, X, y, lr, epochs, reps };
    double out[OUT_DOUBLES];
    LabRun r = lab_run(job_method, &in, out, OUT_DOUBLES, CALL_TIMEOUT, &given_up[m]);
    memset(o, 0, sizeof *o);
    memcpy(o->w, out + OUT_W, sizeof o->w); /* all NaN unless it returned */
    if (r.end == LAB_RETURNED) {
        o->status = (Status)out[0];
        o->code = (int)out[1];
        o->ms = out[2];
        return;
    }
    o->status = status_of_end[r.end];
    o->signaled = r.signaled;
    o->code = r.code;
}

/* Words for an outcome that is not OK: "failed (returned -1)", "crashed (…)"; brief for
   the conclusions ("returned -1"). */
static const char *describe(const Outcome *o, int brief, char *buf, size_t size)
{
    if (o->status == OUT_FAILED)
        snprintf(buf, size, brief ? status_text[o->status].brief : status_text[o->status].note,
                 o->code);
    else if (o->status == OUT_CRASHED && o->signaled)
        snprintf(buf, size, "crashed (%s)", strsignal(o->code));
    else if (o->status == OUT_CRASHED)
        snprintf(buf, size, "ended the program (exit status %d)%s", o->code,
                 o->code && !brief ? ": see the report above" : "");
    else
        snprintf(buf, size, "%s", brief ? status_text[o->status].brief
                                        : status_text[o->status].note);
    return buf;
}

/* ---- numbers and columns ----------------------------------------------------------------- */

static const char *sci(double v, char *buf, size_t size)
{
    if (v == 0.0)
        snprintf(buf, size, "0");
    else if (isinf(v))
        snprintf(buf, size, "inf");
    else
        snprintf(buf, size, "%.1e", v);
    return buf;
}

/* The cell for method outcome o: the number v if the call worked, else its short status. */
static const char *cell(const Outcome *o, double v, char *buf, size_t size)
{
    if (o->status == OUT_OK)
        return sci(v, buf, size);
    if (o->status == OUT_FAILED && o->code != -1)
        snprintf(buf, size, "ret %d", o->code);
    else
        snprintf(buf, size, "%s", status_text[o->status].cell);
    return buf;
}

/* ---- linear algebra the lab needs -------------------------------------------------------- */

static double patch_rmse(const Matrix *X, const double *w, const double *y)
{
    double ss = 0.0;
    for (int i = 0; i < X->rows; i++) {
        double r = -y[i];
        for (int j = 0; j < X->cols; j++)
            r += MAT(X, i, j) * w[j];
        ss += r * r;
    }
    return sqrt(ss / X->rows);
}

/* ‖a − b‖/‖b‖ over d entries */
static double rel_dist(const double *a, const double *b, int d)
{
    double diff[MAX_D];
    for (int j = 0; j < d; j++)
        diff[j] = a[j] - b[j];
    return la_vnorm(diff, d) / la_vnorm(b, d);
}

/* λ_max(XᵀX/n) by power iteration from (1, …, 1): the Rayleigh quotient after POWER_ITERS
   steps. It approaches λ_max from below, fast when the top eigenvalue stands apart, as it
   does for data whose mean direction dominates (pixels, powers of t ≥ 0). */
static double lambda_max(const Matrix *X)
{
    int d = X->cols;
    Matrix *G = la_mat_tmul(X, X); // G = XᵀX, d×d
    double v[MAX_D], u[MAX_D], lambda = 0.0;
    la_fill(v, d, 1.0 / sqrt(d));
    for (int it = 0; it < POWER_ITERS; it++) {
        la_matvec(G, v, u); // u = Gv, and v·u is the Rayleigh quotient (‖v‖ = 1)
        lambda = 0.0;
        for (int j = 0; j < d; j++)
            lambda += v[j] * u[j];
        double nu = la_vnorm(u, d);
        for (int j = 0; j < d; j++)
            v[j] = u[j] / nu;
    }
    mat_free(G);
    return lambda / X->rows;
}

/* ---- what the conclusions quote ---------------------------------------------------------- */

typedef struct {
    int deg;
    double kX, kG;                  /* κ(X), κ of the computed XᵀX */
    Outcome exact[M_COUNT];         /* (a) y = X·w_true */
    double err[M_COUNT];            /*     ‖w − w_true‖/‖w_true‖ */
    double best;                    /* (b) ‖X·w_lstsq − y‖ */
    Outcome noisy[M_COUNT];
    double ratio[M_COUNT];          /*     ‖Xw − y‖/best */
} PolyRow;

static struct {
    int called;                     /* the methods were run on the patches */
    int ran;                        /* … and the reference gave a w */
    Outcome out[M_COUNT];
    double kappa, gd_gap, gd_dist;  /* GD: test RMSE over the best − 1, ‖w − w_ref‖/‖w_ref‖ */
} p1;

static PolyRow p2[P2_ROWS];

/* ---- part 1: Fashion-MNIST --------------------------------------------------------------- */

/* Fills X (rows × P1_D) and y with patches of images sampled with rng: X's row is
   [1, the 24 neighbours row by row], y the centre pixel, all scaled to [0, 1]. Patches that
   are all background (every pixel 0) are skipped: there is nothing to learn from them.
   Returns how many rows were filled. */
static int sample_patches(const DataImages *im, LaRng *rng, Matrix *X, double *y)
{
    int got = 0, side = 2 * PATCH_R + 1;
    for (long tries = 0; got < X->rows && tries < 100L * X->rows; tries++) {
        int k = la_randint(rng, 0, im->count - 1);
        int r0 = la_randint(rng, 0, im->rows - side), c0 = la_randint(rng, 0, im->cols - side);
        const unsigned char *img = im->pixels + (size_t)k * im->rows * im->cols;
        int ink = 0;
        for (int i = 0; i < side; i++)
            for (int j = 0; j < side; j++)
                ink |= img[(r0 + i) * im->cols + c0 + j];
        if (!ink)
            continue;
        // seek to X[got, :]: the bias, then the patch in reading order without its centre
        int col = 0;
        MAT(X, got, col++) = 1.0;
        for (int i = 0; i < side; i++)
            for (int j = 0; j < side; j++) {
                double px = img[(r0 + i) * im->cols + c0 + j] / 255.0;
                if (i == PATCH_R && j == PATCH_R)
                    y[got] = px;
                else
                    MAT(X, got, col++) = px;
            }
        got++;
    }
    return got;
}

static int load_images(const char *dir, DataIdxFile f, int max, DataImages *im)
{
    char path[4096], err[512];
    if (data_idx_path(dir, f, path, sizeof path) != 0) {
        printf("  Missing %s.\n", path);
        return -1;
    }
    if (data_load_idx_images(path, max, im, err, sizeof err) != 0) {
        printf("  Could not load the data: %s\n", err);
        return -1;
    }
    if (im->rows < 2 * PATCH_R + 1 || im->cols < 2 * PATCH_R + 1 || im->count == 0) {
        printf("  %s has %d images of %d×%d: too few or too small for 5×5 patches.\n", path,
               im->count, im->rows, im->cols);
        return -1;
    }
    return 0;
}

static void print_stencil(const double *w)
{
    printf("  What la_lstsq learned: bias %+.3f, and these weights on the neighbours (the\n"
           "  centre is the pixel predicted):\n", w[0]);
    int side = 2 * PATCH_R + 1, col = 1;
    for (int i = 0; i < side; i++) {
        printf("     ");
        for (int j = 0; j < side; j++)
            if (i == PATCH_R && j == PATCH_R)
                printf("      ·");
            else
                printf(" %+6.3f", w[col++]);
        printf("\n");
    }
}

static void part1(void)
{
    printf("Part 1 — real data: Fashion-MNIST\n\n");
    const char *dir = data_fashion_mnist_dir();
    if (!dir) {
        printf("  Fashion-MNIST is not installed: looked in $LA4AI_DATA_DIR/fashion-mnist and\n"
               "  /usr/share/datasets/fashion-mnist. Get it with\n"
               "      sudo apt-get install dataset-fashion-mnist\n"
               "  or put the four IDX files (train-images-idx3-ubyte.gz, …) in\n"
               "  $LA4AI_DATA_DIR/fashion-mnist. Going on with part 2.\n\n");
        return;
    }
    DataImages train = { 0 }, test = { 0 };
    int n = P1_TRAIN, d = P1_D;
    Matrix *X = mat_new(n, d), *Xt = mat_new(P1_TEST, d);
    double *y = calloc(n, sizeof *y), *yt = calloc(P1_TEST, sizeof *yt);
    if (load_images(dir, DATA_TRAIN_IMAGES, P1_TRAIN_IMAGES, &train) != 0 ||
        load_images(dir, DATA_TEST_IMAGES, P1_TEST_IMAGES, &test) != 0)
        goto done;
    LaRng rng = la_rng(1);
    if (sample_patches(&train, &rng, X, y) < n ||
        sample_patches(&test, &rng, Xt, yt) < P1_TEST) {
        printf("  Too few patches with any ink in them: is this really Fashion-MNIST?\n\n");
        goto done;
    }
    double kappa = la_cond(X), lambda = lambda_max(X), lr = 1.0 / lambda;
    printf("  Data   %s\n"
           "         %d training images, %d test images\n", dir, train.count, test.count);
    printf("  Task   predict the centre pixel of a 5×5 patch from its 24 neighbours + bias;\n"
           "         pixels scaled to [0, 1]; patches that are all background are skipped\n");
    printf("  X      %d×%d, patches of the training images (seed %llu, LA4AI_SEED);\n"
           "         %d held-out patches of the test images\n",
           n, d, (unsigned long long)la_seed(), P1_TEST);
    printf("  κ(X)   %.1e;  λ_max(XᵀX/n) ≈ %.3g (%d power iterations)\n", kappa, lambda,
           POWER_ITERS);
    printf("  GD     lr = 1/λ_max = %.3g, %d epochs\n\n", lr, P1_EPOCHS);

    Outcome *out = p1.out, *ref = &out[M_REF];
    for (int m = 0; m < M_COUNT; m++)
        run(m, X, y, lr, P1_EPOCHS, m == M_GD ? 1 : P1_REPS, &out[m]);
    p1.called = 1;

    static const int widths[] = { 22, 11, 11, 21, 11 };
    lab_put_left("  method", widths[0]);
    lab_put_right("train RMSE", widths[1]);
    lab_put_right("test RMSE", widths[2]);
    lab_put_right("‖w − w_ref‖/‖w_ref‖", widths[3]);
    lab_put_right("time (ms)", widths[4]);
    printf("\n");
    for (int m = 0; m < M_COUNT; m++) {
        const Outcome *o = &out[m];
        char name[64], buf[4][32], note[128];
        snprintf(name, sizeof name, "  %s", methods[m].name);
        lab_put_left(name, widths[0]);
        if (o->status != OUT_OK) {
            printf("      %s\n", describe(o, 0, note, sizeof note));
            continue;
        }
        snprintf(buf[0], sizeof buf[0], "%.4f", patch_rmse(X, o->w, y));
        snprintf(buf[1], sizeof buf[1], "%.4f", patch_rmse(Xt, o->w, yt));
        if (ref->status == OUT_OK)
            sci(rel_dist(o->w, ref->w, d), buf[2], sizeof buf[2]);
        else
            snprintf(buf[2], sizeof buf[2], "—");
        snprintf(buf[3], sizeof buf[3], "%.2f", o->ms);
        for (int k = 0; k < 4; k++)
            lab_put_right(buf[k], widths[k + 1]);
        printf("\n");
    }
    double mean = 0.0, wmean[P1_D] = { 0 };
    for (int i = 0; i < n; i++)
        mean += y[i] / n;
    wmean[0] = mean; /* bias only: the same guess for every patch */
    printf("  (predicting the mean training pixel, %.3f, everywhere: test RMSE %.4f)\n", mean,
           patch_rmse(Xt, wmean, yt));
    printf("  Time: the median of %d calls (GD: one call).\n\n", P1_REPS);

    if (ref->status == OUT_OK) {
        print_stencil(ref->w);
        p1.ran = 1;
        p1.kappa = kappa;
        if (out[M_GD].status == OUT_OK) {
            p1.gd_gap = patch_rmse(Xt, out[M_GD].w, yt) / patch_rmse(Xt, ref->w, yt) - 1.0;
            p1.gd_dist = rel_dist(out[M_GD].w, ref->w, d);
        }
    }
    printf("\n");

done:
    data_images_free(&train);
    data_images_free(&test);
    mat_free(X);
    mat_free(Xt);
    free(y);
    free(yt);
}

/* ---- part 2: polynomial features --------------------------------------------------------- */

/* Epochs GD with lr = 1/λ_max needs to shrink its error 1000-fold in the slowest direction:
   each epoch multiplies that part of the error by 1 − λ_min/λ_max = 1 − 1/κ(X)². */
static double gd_epochs_needed(double kX) { return log(1000.0) * kX * kX; }

/* κ(X)² ≥ 1/ε: XᵀX is singular to working precision */
static int gram_singular(double kX) { return kX * kX >= 1.0 / DBL_EPSILON; }

static void poly_row(PolyRow *row, int deg, const double *t, const double *f)
{
    int n = P2_N, d = deg + 1;
    Matrix *X = mat_new(n, d);
    for (int i = 0; i < n; i++) // X[i, :] = 1, tᵢ, tᵢ², …, tᵢ^deg
        for (int j = 0; j < d; j++)
            MAT(X, i, j) = j == 0 ? 1.0 : MAT(X, i, j - 1) * t[i];
    Matrix *G = la_mat_tmul(X, X);
    row->deg = deg;
    row->kX = la_cond(X);
    row->kG = la_cond(G);
    double lr = 1.0 / lambda_max(X);

    // (a) the exact answer is known: w_true = (1, …, 1), y = X·w_true
    double wtrue[MAX_D], y[P2_N];
    la_fill(wtrue, d, 1.0);
    la_matvec(X, wtrue, y);
    for (int m = 0; m < M_COUNT; m++) {
        run(m, X, y, lr, P2_EPOCHS, 1, &row->exact[m]);
        row->err[m] = rel_dist(row->exact[m].w, wtrue, d);
    }

    // (b) a smooth function plus a little noise: residuals against the best one
    for (int m = 0; m < M_COUNT; m++) {
        run(m, X, f, lr, P2_EPOCHS, 1, &row->noisy[m]);
        row->ratio[m] = patch_rmse(X, row->noisy[m].w, f) * sqrt(n);
    }
    row->best = row->ratio[M_REF];
    for (int m = 0; m < M_COUNT; m++)
        row->ratio[m] /= row->best;
    mat_free(X);
    mat_free(G);
}

static void print_row(char cells[][32], const int *widths, int k)
{
    for (int c = 0; c < k; c++)
        lab_put_right(cells[c], widths[c]);
    printf("\n");
}

/* Table (a) as a picture: the error in w against κ(X), one line per method, log–log.
   A method's points are left out where it returned -1, left NaN or did not return. */
static void error_chart(void)
{
    static const char *names[M_COUNT] = { "la_lstsq", "your normal", "your QR", "your GD" };
    static const int colours[M_COUNT] = { PLOT_DIM, PLOT_RED, PLOT_GREEN, PLOT_YELLOW };
    double x[M_COUNT][P2_ROWS], y[M_COUNT][P2_ROWS];
    PlotSeries series[M_COUNT];
    for (int m = 0; m < M_COUNT; m++) {
        for (int k = 0; k < P2_ROWS; k++) {
            x[m][k] = p2[k].kX;
            y[m][k] = p2[k].exact[m].status == OUT_OK ? fmax(p2[k].err[m], 1e-17) : NAN;
        }
        series[m] = (PlotSeries){ names[m], x[m], y[m], P2_ROWS, colours[m], 0 };
    }
    PlotAxes axes = plot_axes("error in w against the condition number of X", "κ(X)",
                              "error");
    axes.logx = axes.logy = true;
    PlotGrid *g = plot_lines(series, M_COUNT, &axes, 76, 18);
    if (!g)
        return;
    char *text = plot_render(g, plot_style_auto());
    printf("\n%s\n", text);
    printf("  Normal equations climb about twice as steeply as QR: their error grows like\n"
           "  κ²·ε, QR's like κ·ε. GD stays flat and high: it runs out of epochs first.\n\n");
    free(text);
    plot_grid_free(g);
}

static void part2(void)
{
    printf("Part 2 — ill-conditioned data: polynomial features\n\n");
    double t[P2_N], f[P2_N];
    LaRng rng = la_rng(2);
    for (int i = 0; i < P2_N; i++) {
        t[i] = la_unif(&rng);
        f[i] = sin(2 * PI * t[i]) + P2_NOISE * la_normal(&rng);
    }
    printf("  X is %d×(d+1): columns 1, t, t², …, t^d for t uniform in [0, 1] (seed %llu).\n"
           "  GD: lr = 1/λ_max(XᵀX/n) for each d, %d epochs.\n\n",
           P2_N, (unsigned long long)la_seed(), P2_EPOCHS);
    for (int k = 0; k < P2_ROWS; k++)
        poly_row(&p2[k], P2_DMIN + k, t, f);

    printf("  (a) y = X·w_true exactly, w_true = (1, 1, …, 1): error ‖w − w_true‖/‖w_true‖\n");
    static const int wa[] = { 5, 10, 10, 11, 13, 11, 13 };
    char c[7][32] = { "d", "κ(X)", "κ(XᵀX)", "la_lstsq", "normal  ", "QR", "GD  " };
    print_row(c, wa, 7);
    for (int k = 0; k < P2_ROWS; k++) {
        const PolyRow *r = &p2[k];
        snprintf(c[0], sizeof c[0], "%d", r->deg);
        sci(r->kX, c[1], sizeof c[1]);
        sci(r->kG, c[2], sizeof c[2]);
        for (int m = 0; m < M_COUNT; m++)
            cell(&r->exact[m], r->err[m], c[3 + m], sizeof c[3 + m]);
        strcat(c[3 + M_NORMAL], gram_singular(r->kX) ? " !" : "  ");
        strcat(c[3 + M_GD], gd_epochs_needed(r->kX) > P2_EPOCHS ? " †" : "  ");
        print_row(c, wa, 7);
    }
    printf("  ! κ(X)² ≥ 1/ε ≈ 4.5e15: XᵀX is singular to working precision, and the normal\n"
           "    equations have no correct digit left (the computed κ(XᵀX) stalls near 1/ε).\n"
           "  † GD needs about ln(1000)·κ(X)² epochs to cut its error 1000-fold (%.0e at\n"
           "    d = %d); it has %d.\n\n",
           gd_epochs_needed(p2[0].kX), p2[0].deg, P2_EPOCHS);

    error_chart();

    printf("  (b) y = sin(2πt) + noise (σ = %.0e): residual ‖Xw − y‖ over the best one,\n"
           "      ‖X·w_lstsq − y‖ (1.0000: as good as it gets)\n", P2_NOISE);
    static const int wb[] = { 5, 12, 11, 11, 11 };
    char b[5][32] = { "d", "best ‖r‖", "normal", "QR", "GD" };
    print_row(b, wb, 5);
    for (int k = 0; k < P2_ROWS; k++) {
        const PolyRow *r = &p2[k];
        int ref_ok = r->noisy[M_REF].status == OUT_OK;
        snprintf(b[0], sizeof b[0], "%d", r->deg);
        cell(&r->noisy[M_REF], r->best, b[1], sizeof b[1]);
        for (int m = M_NORMAL; m < M_COUNT; m++) {
            if (!ref_ok)
                snprintf(b[1 + m], sizeof b[1 + m], "—");
            else if (r->noisy[m].status != OUT_OK)
                cell(&r->noisy[m], 0, b[1 + m], sizeof b[1 + m]);
            else
                snprintf(b[1 + m], sizeof b[1 + m], r->ratio[m] < 10 ? "%.4f" : "%.1e",
                         r->ratio[m]);
        }
        print_row(b, wb, 5);
    }
    printf("  Cells: −1 returned -1 · NaN left NaN or ∞ in w · crash · t/o did not return\n"
           "  within %.0f s · skip not called again after a crash or time-out.\n\n",
           CALL_TIMEOUT);
}

/* ---- conclusions ------------------------------------------------------------------------- */

/* The s in error ≈ c·κ(X)^s for method m on part 2 (a): a least-squares line through
   (log κ, log error) over the degrees where m gave a w whose error is above rounding noise
   (1e-14) and below "nothing left" (1e-1). NAN when fewer than 3 degrees qualify. */
static double growth_exponent(int m)
{
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    int k = 0;
    for (int i = 0; i < P2_ROWS; i++) {
        const PolyRow *r = &p2[i];
        if (r->exact[m].status != OUT_OK || !(r->err[m] > 1e-14 && r->err[m] < 1e-1))
            continue;
        double x = log10(r->kX), y = log10(r->err[m]);
        sx += x, sy += y, sxx += x * x, sxy += x * y, k++;
    }
    if (k < 3)
        return NAN;
    return (k * sxy - sx * sy) / (k * sxx - sx * sx);
}

/* "2–5, 9", or "every d" when all of part 2's degrees are in the bit set */
static const char *degree_list(unsigned bits, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    if (bits == (1u << (P2_DMAX + 1)) - (1u << P2_DMIN)) {
        snprintf(buf, size, "every d");
        return buf;
    }
    len = (size_t)snprintf(buf, size, "d" LAB_NB "=" LAB_NB);
    for (int d = P2_DMIN, first = 1; d <= P2_DMAX && len < size; d++) {
        if (!(bits >> d & 1u))
            continue;
        int e = d;
        while (e + 1 <= P2_DMAX && bits >> (e + 1) & 1u)
            e++;
        len += (size_t)snprintf(buf + len, size - len, first ? "%d" : ", %d", d);
        if (e > d && len < size)
            len += (size_t)snprintf(buf + len, size - len, "–%d", e);
        first = 0;
        d = e;
    }
    return buf;
}

/* Bit set of the degrees where method m gave a w (status OK) in table (a) or (b). */
static unsigned gave_w(int m)
{
    unsigned bits = 0;
    for (int k = 0; k < P2_ROWS; k++)
        if (p2[k].exact[m].status == OUT_OK || p2[k].noisy[m].status == OUT_OK)
            bits |= 1u << p2[k].deg;
    return bits;
}

static void conclusion_growth(void)
{
    static const struct { int m; const char *who; } who[] = {
        { M_REF, "la_lstsq" }, { M_QR, "your QR" }, { M_NORMAL, "your normal equations" },
    };
    char list[256] = "";
    size_t len = 0;
    for (size_t i = 0; i < sizeof who / sizeof who[0]; i++) {
        double s = growth_exponent(who[i].m);
        if (!isnan(s))
            len += (size_t)snprintf(list + len, sizeof list - len, "%s%.1f for %s",
                                    len ? ", " : "s" LAB_NB "≈" LAB_NB, s, who[i].who);
    }
    lab_bullet("The error in w grows like κ(X)^s%s%s. A sound QR has s" LAB_NB "≈" LAB_NB "1 (it loses "
           "log₁₀" LAB_NB "κ digits) and tracks la_lstsq to κ" LAB_NB "~" LAB_NB "1e12 and beyond; the "
           "normal equations have s" LAB_NB "≈" LAB_NB "2: twice the digits, as κ(XᵀX)" LAB_NB "=" LAB_NB
           "κ(X)².", len ? ": " : "", list);
}

static void conclusion_qr(void)
{
    int near_to = 0, streak = 1, lost_at = 0, fit_fine = 1;
    for (int k = 0; k < P2_ROWS; k++) {
        const PolyRow *r = &p2[k];
        int ok = r->exact[M_QR].status == OUT_OK, ref_ok = r->exact[M_REF].status == OUT_OK;
        int near = ok && ref_ok && r->err[M_QR] <= fmax(100 * r->err[M_REF], 1e-12);
        streak &= near; /* near_to: the end of the run of "near" degrees from the first */
        if (streak)
            near_to = r->deg;
        if (!near && ok && ref_ok && !lost_at)
            lost_at = r->deg;
        if (r->noisy[M_QR].status == OUT_OK && r->noisy[M_REF].status == OUT_OK)
            fit_fine &= r->ratio[M_QR] < 1.001;
    }
    if (!lost_at) {
        lab_bullet("Your QR stayed within 100× of la_lstsq wherever it gave a w, up to κ(X)" LAB_NB "="
               LAB_NB "%.0e.", p2[P2_ROWS - 1].kX);
        return;
    }
    char upto[96] = "";
    if (near_to)
        snprintf(upto, sizeof upto, " up to d" LAB_NB "=" LAB_NB "%d (κ(X)" LAB_NB "=" LAB_NB "%.0e)", near_to,
                 p2[near_to - P2_DMIN].kX);
    double s_qr = growth_exponent(M_QR), s_ne = growth_exponent(M_NORMAL);
    lab_bullet("Your QR stayed within 100× of la_lstsq%s, not from d" LAB_NB "=" LAB_NB "%d on%s. If it "
           "forms Qᵀy from the finished Q, Q's loss of orthogonality (≈" LAB_NB "κε in modified "
           "Gram–Schmidt) is multiplied by κ again: orthogonalize y along with the columns, "
           "as one more column of modified Gram–Schmidt.%s",
           upto, lost_at,
           fit_fine ? " — though its residuals in (b) are the best: the fit is fine, the "
                      "weights are not" : "",
           s_qr > s_ne + 0.2 ? " It does worse than the normal equations, which classical "
                               "Gram–Schmidt (each rᵢⱼ from the original column) would explain."
                             : "");
}

static void conclusion_normal(void)
{
    int lost = 0, singular = 0;
    for (int k = P2_ROWS - 1; k >= 0; k--) {
        if (p2[k].exact[M_NORMAL].status == OUT_OK && p2[k].err[M_NORMAL] >= 1e-2)
            lost = p2[k].deg;
        if (gram_singular(p2[k].kX))
            singular = p2[k].deg;
    }
    char tail[160] = "";
    if (singular)
        snprintf(tail, sizeof tail, "; from d" LAB_NB "=" LAB_NB "%d on κ(X)²" LAB_NB "≥" LAB_NB "1/ε: XᵀX "
                 "is singular in double precision (! in table" LAB_NB "a)", singular);
    if (lost)
        lab_bullet("Your normal equations had lost every digit (error" LAB_NB "≥" LAB_NB "1e-2) at d" LAB_NB
               "=" LAB_NB "%d, where κ(X)²·ε" LAB_NB "≈" LAB_NB "%.1g%s.", lost,
               p2[lost - P2_DMIN].kX * p2[lost - P2_DMIN].kX * DBL_EPSILON, tail);
    else
        lab_bullet("Your normal equations kept their error under 1e-2 wherever they gave a w%s.",
               tail);
}

static void conclusion_gd(void)
{
    if (p1.ran && p1.out[M_GD].status == OUT_OK)
        lab_bullet("GD is slow when κ is large: on the patches (κ(X)" LAB_NB "=" LAB_NB "%.0e) %d epochs "
               "came within %.1f%% of the best test RMSE with w still %.0f%% away from w_ref, "
               "and on the polynomials it cannot converge. It is the right tool when n·d is "
               "too big to factor X, or when the data stream in.",
               p1.kappa, P1_EPOCHS, 100 * p1.gd_gap, 100 * p1.gd_dist);
    else
        lab_bullet("GD is slow when κ is large (about 2.3·κ(X)² epochs for each digit), so on the "
               "polynomials it cannot converge; it is the right tool when n·d is too big to "
               "factor X, or when the data stream in.");
}

/* Names each of her functions that returned -1, left NaN, crashed or hung, and where. */
static void conclusion_failures(void)
{
    char what[2048] = "";
    size_t len = 0;
    for (int m = M_NORMAL; m < M_COUNT; m++)
        for (int st = OUT_FAILED; st < OUT_SKIPPED; st++) {
            unsigned bits = 0;
            double least_k2e = INFINITY; /* the smallest κ(X)²·ε where it happened */
            const Outcome *ex = p1.called && p1.out[m].status == (Status)st ? &p1.out[m] : NULL;
            int in_p1 = ex != NULL;
            for (int k = 0; k < P2_ROWS; k++) {
                const Outcome *o = p2[k].exact[m].status == (Status)st   ? &p2[k].exact[m]
                                   : p2[k].noisy[m].status == (Status)st ? &p2[k].noisy[m]
                                                                         : NULL;
                if (!o)
                    continue;
                bits |= 1u << p2[k].deg;
                least_k2e = fmin(least_k2e, p2[k].kX * p2[k].kX * DBL_EPSILON);
                ex = ex ? ex : o;
            }
            if (!ex)
                continue;
            char note[96], degs[64];
            len += (size_t)snprintf(what + len, sizeof what - len, "%s%s %s%s%s%s%s",
                                    len ? "; " : "", methods[m].name,
                                    describe(ex, 1, note, sizeof note),
                                    in_p1 ? " on Fashion-MNIST" : "",
                                    in_p1 && bits ? " and" : "", bits ? " at " : "",
                                    bits ? degree_list(bits, degs, sizeof degs) : "");
            int fair = m == M_NORMAL && st == OUT_FAILED && !in_p1 && least_k2e >= 1e-2;
            if (fair && len < sizeof what)
                len += (size_t)snprintf(what + len, sizeof what - len,
                                        " (κ(X)²·ε" LAB_NB "≥" LAB_NB "%.1g there: little was left to "
                                        "save, a fair answer)", least_k2e);
            if ((st == OUT_CRASHED || st == OUT_TIMEOUT) && len < sizeof what)
                len += (size_t)snprintf(what + len, sizeof what - len,
                                        ", and was not called again");
            if (len >= sizeof what)
                len = sizeof what - 1;
        }
    if (len)
        lab_bullet("Instead of a w: %s.", what);
    else
        lab_bullet("None of your functions returned -1 or left NaN: each gave a finite w every "
               "time.");
}

static void conclusions(void)
{
    printf("What you should see\n");
    conclusion_growth();
    char none[160] = "";
    size_t len = 0;
    for (int m = M_NORMAL; m <= M_QR; m++)
        if (!gave_w(m))
            len += (size_t)snprintf(none + len, sizeof none - len, "%s%s", len ? " and " : "",
                                    methods[m].name);
    if (len)
        lab_bullet("%s gave no w in part" LAB_NB "2: get %s passing its grader (la4ai check) and run "
               "the lab again.", none, strchr(none, ' ') ? "each" : "it");
    if (gave_w(M_QR))
        conclusion_qr();
    if (gave_w(M_NORMAL))
        conclusion_normal();
    conclusion_gd();
    conclusion_failures();
}

int main(void)
{
    printf("linreg_compare — least squares three ways: your linreg_normal, linreg_qr and\n"
           "linreg_gd next to la_lstsq (Householder QR, the reference)\n\n");
    part1();
    part2();
    conclusions();
    return 0;
}
