/*
 * lab.c — week 4 lab `image_compression`: compress a photo with the SVD. A greyscale image
 * is an m×n matrix; the learner's low_rank_approx keeps its top k singular triplets, her
 * psnr measures what was lost and her compression_ratio what was saved. The lab checks them
 * against the grader library's SVD: by Eckart–Young the best rank-k error is known from the
 * singular values alone, ‖A − Aₖ‖²_F = Σᵢ≥ₖ σᵢ², so the best PSNR for every k is too.
 *
 *   1  The image: the PNG or JPEG named by LA4AI_LAB_IMAGE (an absolute path: the lab runs
 *      in a temporary folder), shrunk by a box filter to at most MAX_SIDE pixels a side so
 *      that SVDs stay quick; else a 4×4 grid of Fashion-MNIST test images; else a test
 *      pattern drawn here.
 *   2  Her low_rank_approx for about ten ranks k, each with her psnr and compression_ratio,
 *      beside the best PSNR possible, with the break-even rank mn/(m + n + 1).
 *   3  The original beside the rank 5, 20 and 50 versions, drawn in the terminal.
 *   4  The best PSNR against k for every k, her ranks marked, and the elbow: the k farthest
 *      above the chord from k = 1 to the break-even rank (both axes scaled to 0…1).
 *   5  With LA4AI_LAB_OUT set to an absolute folder, the images as PNG files.
 *   Then a few lines on what to see, naming what her functions did.
 *
 * Theory of operation. Her functions run in child processes (fork), on copies of the
 * inputs, and send back what they computed through a pipe: a crash, a call of exit or a hang
 * costs table cells, not the lab. After a crash or a time-out low_rank_approx is not called
 * again; the table goes on with the lab's own rank-k images, so that her psnr and
 * compression_ratio are still tried. If fork is refused the calls run here, still on copies.
 *
 * Legend: A m×n the image (pixel values 0…255, row-major); r = min(m, n); σ₀ ≥ σ₁ ≥ … its
 * singular values; Aₖ a rank-k approximation; PSNR = 10·log10(255²/MSE) in dB.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "data.h"
#include "la4ai.h"
#include "la4grade.h"
#include "la4lab.h"
#include "plot.h"

/* stb_image (Debian: libstb-dev) reads PNG, JPEG, BMP and PGM/PPM. Without it the lab still
   runs, on its default image. */
#if defined(__has_include)
#if __has_include(<stb/stb_image.h>)
#define HAVE_STB_IMAGE 1
#endif
#endif
#ifdef HAVE_STB_IMAGE
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_ONLY_BMP
#define STBI_ONLY_PNM
#define STBI_FAILURE_USERMSG
#include <stb/stb_image.h>
#pragma GCC diagnostic pop
#endif

#define MAX_SIDE 128             /* larger images are shrunk to fit MAX_SIDE×MAX_SIDE */
#define MIN_SIDE 8
#define PEAK 255.0
#define GRID 4                   /* the default: GRID×GRID Fashion-MNIST test images */
static const int RANKS[] = { 1, 5, 10, 20, 50, 100 }; /* and r itself */
#define N_RANKS_MAX ((int)(sizeof RANKS / sizeof RANKS[0]) + 1)
static const int SHOWN[] = { 5, 20, 50 };
#define N_SHOWN ((int)(sizeof SHOWN / sizeof SHOWN[0]))
#define CALL_TIMEOUT 20.0        /* seconds for one call of her functions */
#define BUDGET 60.0              /* seconds for all of them */
#define IMAGE_W 36               /* two images side by side in 80 columns */
#define IMAGE_H 20
#define GAP 3
#define CHART_W 76
#define CHART_H 20
#define CHART_TOP 60.0           /* dB: the chart's ceiling (above it the eye sees no loss) */

/* ---- running her code in a child -------------------------------------------------------- */

/* What became of a run that did not return, in this lab's words: "crashed (Segmentation
   fault)", "did not return within 20 seconds", … */
static const char *run_trouble(const LabRun *r, double timeout, char *buf, size_t size)
{
    if (r->end == LAB_TIMEOUT)
        snprintf(buf, size, "did not return within %.0f seconds", timeout);
    else if (r->end == LAB_SKIPPED)
        snprintf(buf, size, "was not called");
    else
        lab_run_trouble(r, buf, size);
    return buf;
}

/* ---- text ------------------------------------------------------------------------------- */

/* "₂₈" for 28 */
static const char *subscript(int v, char *buf, size_t size)
{
    char digits[16];
    snprintf(digits, sizeof digits, "%d", v);
    size_t o = 0;
    for (const char *p = digits; *p && o + 4 < size; p++) {
        memcpy(buf + o, "\xe2\x82", 2); // U+2080 + digit: E2 82 80+d
        buf[o + 2] = (char)(0x80 + (*p - '0'));
        o += 3;
    }
    buf[o] = '\0';
    return buf;
}

/* "31.20", "∞", "NaN" */
static const char *db(double v, char *buf, size_t size)
{
    if (isnan(v))
        snprintf(buf, size, "NaN");
    else if (isinf(v))
        snprintf(buf, size, v > 0 ? "∞" : "−∞");
    else
        snprintf(buf, size, "%.2f", v);
    return buf;
}

/* ---- 1. the image ------------------------------------------------------------------------ */

typedef struct {
    int rows, cols;
    double *px;          /* rows×cols, 0 (black) … 255 (white) */
} Image;

static Image image_new(int rows, int cols)
{
    Image im = { rows, cols, calloc((size_t)rows * (size_t)cols, sizeof(double)) };
    return im;
}

#ifdef HAVE_STB_IMAGE
/* The image shrunk by a box filter (each new pixel the mean of the old ones it covers) to
   fit max×max, its aspect ratio kept; a copy when it already fits. */
static Image shrink(const unsigned char *src, int rows, int cols, int max)
{
    double s = fmin(1.0, fmin((double)max / rows, (double)max / cols));
    int oh = (int)lround(rows * s), ow = (int)lround(cols * s);
    oh = oh < 1 ? 1 : oh;
    ow = ow < 1 ? 1 : ow;
    Image im = image_new(oh, ow);
    for (int y = 0; y < oh; y++) {
        int r0 = (int)((long)y * rows / oh), r1 = (int)((long)(y + 1) * rows / oh);
        r1 = r1 > r0 ? r1 : r0 + 1;
        for (int x = 0; x < ow; x++) {
            int c0 = (int)((long)x * cols / ow), c1 = (int)((long)(x + 1) * cols / ow);
            c1 = c1 > c0 ? c1 : c0 + 1;
            double sum = 0;
            for (int r = r0; r < r1; r++)
                for (int c = c0; c < c1; c++)
                    sum += src[(size_t)r * (size_t)cols + (size_t)c];
            im.px[(size_t)y * ow + x] = sum / ((double)(r1 - r0) * (c1 - c0));
        }
    }
    return im;
}

/* LA4AI_LAB_IMAGE's picture, in grey; 0 and a description, or -1 after saying why not. */
static int load_photo(const char *path, Image *im, char *what, size_t size)
{
    int w = 0, h = 0, comp = 0;
    unsigned char *pix = stbi_load(path, &w, &h, &comp, 1); // 1 channel: grey
    if (!pix) {
        printf("   LA4AI_LAB_IMAGE: cannot read %s: %s.\n", path, stbi_failure_reason());
        if (path[0] != '/')
            printf("   Give an absolute path: the lab runs in a temporary folder.\n");
        return -1;
    }
    if (w < MIN_SIDE || h < MIN_SIDE) {
        printf("   LA4AI_LAB_IMAGE: %s is %d×%d pixels: too small (at least %d×%d).\n", path, w,
               h, MIN_SIDE, MIN_SIDE);
        stbi_image_free(pix);
        return -1;
    }
    *im = shrink(pix, h, w, MAX_SIDE);
    stbi_image_free(pix);
    if (im->rows != h || im->cols != w)
        snprintf(what, size, "%s (LA4AI_LAB_IMAGE), %d×%d pixels%s, shrunk to %d×%d so "
                 "that the SVDs stay quick", path, w, h, comp >= 3 ? " in colour" : "",
                 im->cols, im->rows);
    else
        snprintf(what, size, "%s (LA4AI_LAB_IMAGE), %d×%d pixels%s", path, w, h,
                 comp >= 3 ? " in colour" : "");
    if (comp >= 3)
        strncat(what, ", turned to grey", size - strlen(what) - 1);
    return 0;
}
#else
static int load_photo(const char *path, Image *im, char *what, size_t size)
{
    (void)im;
    (void)what;
    (void)size;
    printf("   LA4AI_LAB_IMAGE: %s not read:\n"
           "   this build cannot decode image files. It needs stb_image: sudo apt-get\n"
           "   install libstb-dev, then rebuild the course.\n", path);
    return -1;
}
#endif

/* GRID×GRID Fashion-MNIST test images as one picture; 0, or -1 if the data set is missing. */
static int load_fashion(Image *im, char *what, size_t size)
{
    const char *dir = data_fashion_mnist_dir();
    char path[4096], err[512];
    if (!dir || data_idx_path(dir, DATA_TEST_IMAGES, path, sizeof path) != 0)
        return -1;
    DataImages d = { 0 };
    if (data_load_idx_images(path, GRID * GRID, &d, err, sizeof err) != 0) {
        printf("   %s\n", err);
        return -1;
    }
    if (d.count < GRID * GRID) {
        data_images_free(&d);
        return -1;
    }
    *im = image_new(GRID * d.rows, GRID * d.cols);
    for (int t = 0; t < GRID * GRID; t++) {
        const unsigned char *tile = d.pixels + (size_t)t * d.rows * d.cols;
        int r0 = t / GRID * d.rows, c0 = t % GRID * d.cols;
        for (int i = 0; i < d.rows; i++) // seek to px[r0 + i, c0:]
            for (int j = 0; j < d.cols; j++)
                im->px[(size_t)(r0 + i) * im->cols + c0 + j] = tile[i * d.cols + j];
    }
    snprintf(what, size, "The first %d Fashion-MNIST test images as a %d×%d grid, %d×%d "
             "pixels (%s)", GRID * GRID, GRID, GRID, im->cols, im->rows, dir);
    data_images_free(&d);
    return 0;
}

/* A test pattern: a gradient and a rectangle (rank 1 each), a disc and a diagonal stripe
   (many ranks). */
static Image test_pattern(int rows, int cols)
{
    Image im = image_new(rows, cols);
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++) {
            double v = 40 + 60.0 * j / (cols - 1);                         // gradient
            if (i >= rows / 8 && i < rows / 2 && j >= cols / 10 && j < cols * 2 / 5)
                v = 230;                                                   // rectangle
            double di = i - rows * 0.62, dj = j - cols * 0.7;
            if (di * di + dj * dj < rows * rows / 16.0)
                v = 200;                                                   // disc
            if (abs((i - j) + cols / 3) < 3)
                v = 10;                                                    // stripe
            im.px[(size_t)i * cols + j] = v;
        }
    return im;
}

static Image load_image(char *what, size_t size)
{
    Image im = { 0, 0, NULL };
    const char *path = getenv("LA4AI_LAB_IMAGE");
    printf("1. The image\n");
    if (path && *path && load_photo(path, &im, what, size) == 0)
        return im;
    if (path && *path)
        printf("   Using the default image instead.\n");
    if (load_fashion(&im, what, size) == 0)
        return im;
    printf("   Fashion-MNIST is not installed (sudo apt-get install dataset-fashion-mnist):\n"
           "   using a test pattern drawn here.\n");
    im = test_pattern(96, 128);
    snprintf(what, size, "A test pattern, %d×%d pixels: a gradient and a rectangle (rank 1 "
             "each), a disc and a diagonal stripe (many ranks)", im.cols, im.rows);
    return im;
}

/* Prints `text` word-wrapped at LAB_WRAP columns, every line indented by three spaces. */
static void say(const char *text)
{
    int col = 0;
    const char *p = text;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        char word[1024];
        size_t len = (size_t)(e - p) < sizeof word - 1 ? (size_t)(e - p) : sizeof word - 1;
        memcpy(word, p, len);
        word[len] = '\0';
        int w = lab_text_width(word);
        if (col && col + 1 + w > LAB_WRAP) {
            printf("\n");
            col = 0;
        }
        printf(col ? " %s" : "   %s", word);
        col += col ? 1 + w : 3 + w;
        p = e;
    }
    if (col)
        printf("\n");
}

/* ---- the lab's SVD ------------------------------------------------------------------------ */

typedef struct {
    int m, n, r;
    double *s;           /* r singular values, descending */
    Matrix *U, *V;       /* m×r and n×r */
    double total;        /* Σ σᵢ² = ‖A‖²_F */
} Svd;

static void svd_of(const Matrix *A, Svd *d)
{
    d->m = A->rows;
    d->n = A->cols;
    d->r = d->m < d->n ? d->m : d->n;
    d->s = malloc(sizeof(double) * (size_t)d->r);
    d->U = mat_new(d->m, d->r);
    d->V = mat_new(d->n, d->r);
    la_svd(A, d->s, d->U, d->V);
    d->total = 0;
    for (int i = 0; i < d->r; i++)
        d->total += d->s[i] * d->s[i];
}

static void svd_free(Svd *d)
{
    free(d->s);
    mat_free(d->U);
    mat_free(d->V);
}

/* The best PSNR of a rank-k approximation: MSE = Σᵢ≥ₖ σᵢ²/(mn) (Eckart–Young). */
static double best_psnr(const Svd *d, int k)
{
    double tail = 0;
    for (int i = k; i < d->r; i++)
        tail += d->s[i] * d->s[i];
    if (!(tail > 0))
        return INFINITY;
    return 10 * log10(PEAK * PEAK / (tail / ((double)d->m * d->n)));
}

/* Ak (m×n) ← Σᵢ<ₖ σᵢuᵢvᵢᵀ */
static Matrix *best_rank(const Svd *d, int k)
{
    Matrix *Ak = mat_new(d->m, d->n);
    for (int t = 0; t < k && t < d->r; t++)
        for (int i = 0; i < d->m; i++) {
            double su = d->s[t] * MAT(d->U, i, t);
            for (int j = 0; j < d->n; j++)
                MAT(Ak, i, j) += su * MAT(d->V, j, t);
        }
    return Ak;
}

/* 10·log10(peak²/MSE) of B against A, computed here */
static double lab_psnr(const Matrix *A, const Matrix *B)
{
    double sse = 0;
    for (int i = 0; i < A->rows * A->cols; i++) {
        double e = A->data[i] - B->data[i];
        sse += e * e;
    }
    if (isnan(sse))
        return NAN;
    return sse > 0 ? 10 * log10(PEAK * PEAK / (sse / ((double)A->rows * A->cols))) : INFINITY;
}

/* ---- 2. her functions, rank by rank ------------------------------------------------------ */

typedef struct {
    const Matrix *A;
    int k;
} LowRankIn;

/* out: Ak (m·n), then the milliseconds of the call, then 1 if A came back changed */
static int job_low_rank(const void *in, double *out, size_t nout)
{
    const LowRankIn *p = in;
    int mn = p->A->rows * p->A->cols;
    (void)nout;
    Matrix *A = la_mat_copy(p->A), *Ak = mat_new(p->A->rows, p->A->cols);
    double t0 = lab_now_ms();
    int rc = low_rank_approx(A, p->k, Ak);
    out[mn] = lab_now_ms() - t0;
    memcpy(out, Ak->data, sizeof(double) * (size_t)mn);
    out[mn + 1] = memcmp(A->data, p->A->data, sizeof(double) * (size_t)mn) != 0;
    mat_free(A);
    mat_free(Ak);
    return rc;
}

typedef struct {
    const Matrix *A;
    const Matrix *const *B;      /* nk images to measure against A */
    const int *ks;
    int nk;
} MetricsIn;

/* out: psnr(A, Bₜ, 255) for each t, then psnr(A, A, 255) */
static int job_psnr(const void *in, double *out, size_t nout)
{
    const MetricsIn *p = in;
    (void)nout;
    Matrix *A = la_mat_copy(p->A);
    for (int t = 0; t < p->nk; t++) {
        Matrix *B = la_mat_copy(p->B[t]);
        out[t] = psnr(A, B, PEAK);
        mat_free(B);
    }
    Matrix *A2 = la_mat_copy(p->A);
    out[p->nk] = psnr(A, A2, PEAK);
    mat_free(A2);
    mat_free(A);
    return 0;
}

/* out: compression_ratio(m, n, kₜ) for each t */
static int job_ratio(const void *in, double *out, size_t nout)
{
    const MetricsIn *p = in;
    (void)nout;
    for (int t = 0; t < p->nk; t++)
        out[t] = compression_ratio(p->A->rows, p->A->cols, p->ks[t]);
    return 0;
}

typedef struct {
    int k;
    LabRun run;
    int hers;            /* returned 0 with a finite Ak */
    double ms;
    int changed_input;
    Matrix *Ak;          /* hers if `hers`, else the lab's best rank-k */
    double lab_psnr;     /* the lab's PSNR of Ak (hers or its own) */
    double best;         /* the best PSNR possible at rank k */
    double her_psnr, her_ratio; /* her psnr and compression_ratio for this Ak and k */
} Row;

typedef struct {
    Row row[N_RANKS_MAX];
    int nrows;
    LabRun psnr_run, ratio_run; /* the runs of her psnr and of her compression_ratio */
    double psnr_same;    /* her psnr(A, A) */
    int psnr_bad, ratio_bad, not_best, too_good; /* rows where each check failed */
    double budget_used;  /* seconds spent in low_rank_approx */
    int out_of_time;     /* ranks skipped for the budget */
} Results;

static int choose_ranks(int r, int *ks)
{
    int n = 0;
    for (int i = 0; i < (int)(sizeof RANKS / sizeof RANKS[0]); i++)
        if (RANKS[i] < r)
            ks[n++] = RANKS[i];
    ks[n++] = r;
    return n;
}

static void run_low_rank(const Matrix *A, const Svd *d, Results *res)
{
    int mn = A->rows * A->cols, given_up = 0;
    double *out = malloc(sizeof(double) * (size_t)(mn + 2));
    int ks[N_RANKS_MAX];
    res->nrows = choose_ranks(d->r, ks);
    for (int t = 0; t < res->nrows; t++) {
        Row *w = &res->row[t];
        w->k = ks[t];
        w->best = best_psnr(d, w->k);
        if (given_up || res->budget_used > BUDGET) {
            w->run.end = LAB_SKIPPED;
            res->out_of_time += !given_up;
        } else {
            LowRankIn in = { A, w->k };
            w->run = lab_run(job_low_rank, &in, out, mn + 2, CALL_TIMEOUT, NULL);
            given_up = w->run.end == LAB_CRASHED || w->run.end == LAB_TIMEOUT;
            w->ms = out[mn];
            res->budget_used += w->run.end == LAB_TIMEOUT ? CALL_TIMEOUT
                                : isfinite(w->ms)        ? w->ms / 1e3 : 0;
            w->changed_input = w->run.end == LAB_RETURNED && out[mn + 1] == 1;
        }
        w->hers = w->run.end == LAB_RETURNED && w->run.rc == 0;
        for (int i = 0; w->hers && i < mn; i++)
            w->hers = isfinite(out[i]);
        if (w->hers) {
            w->Ak = mat_new(A->rows, A->cols);
            memcpy(w->Ak->data, out, sizeof(double) * (size_t)mn);
        } else {
            w->Ak = best_rank(d, w->k);
        }
        w->lab_psnr = lab_psnr(A, w->Ak);
    }
    free(out);
}

/* Her psnr on each row's Ak, and her compression_ratio for each k (a child for each). */
static void run_metrics(const Matrix *A, Results *res)
{
    int nk = res->nrows;
    const Matrix *B[N_RANKS_MAX];
    int ks[N_RANKS_MAX];
    for (int t = 0; t < nk; t++) {
        B[t] = res->row[t].Ak;
        ks[t] = res->row[t].k;
    }
    double out[N_RANKS_MAX + 1];
    MetricsIn in = { A, B, ks, nk };
    res->psnr_run = lab_run(job_psnr, &in, out, nk + 1, CALL_TIMEOUT, NULL);
    for (int t = 0; t < nk; t++)
        res->row[t].her_psnr = out[t];
    res->psnr_same = out[nk];
    res->ratio_run = lab_run(job_ratio, &in, out, nk, CALL_TIMEOUT, NULL);
    for (int t = 0; t < nk; t++)
        res->row[t].her_ratio = out[t];
}

/* Whether her psnr agrees with the lab's: to 0.001 dB (a tenth of what the table shows), or
   both above 200 dB or infinite (where the MSE is rounding noise, or 0). */
static int psnr_agrees(double hers, double lab)
{
    if (isinf(lab) || lab > 200)
        return hers > 200;
    return fabs(hers - lab) <= 1e-3;
}

static void check_rows(const Matrix *A, Results *res)
{
    int m = A->rows, n = A->cols;
    for (int t = 0; t < res->nrows; t++) {
        Row *w = &res->row[t];
        double want = (double)w->k * (m + n + 1) / ((double)m * n);
        if (res->psnr_run.end == LAB_RETURNED)
            res->psnr_bad += !psnr_agrees(w->her_psnr, w->lab_psnr);
        if (res->ratio_run.end == LAB_RETURNED)
            res->ratio_bad += !(fabs(w->her_ratio - want) <= 1e-12 * want);
        if (w->hers && w->lab_psnr < w->best - 0.01 && !(w->best > 200 && w->lab_psnr > 200))
            res->not_best++;
        if (w->hers && w->lab_psnr > w->best + 0.01 && w->best < 200)
            res->too_good++;
    }
}

static void print_table(const Matrix *A, const Results *res)
{
    int m = A->rows, n = A->cols;
    double even = (double)m * n / (m + n + 1);
    printf("2. Your low_rank_approx, psnr and compression_ratio, rank by rank\n");
    printf("   A is %d×%d: mn = %d numbers. A rank-k approximation keeps k columns of\n"
           "   U and of V and k singular values, k(m + n + 1) = %d·k numbers: it saves\n"
           "   space only below the break-even rank mn/(m + n + 1) = %.1f.\n\n", m, n, m * n,
           m + n + 1, even);
    static const char *head[6] = { "k", "PSNR (dB)  ", "best (dB)", "ratio  ", "numbers kept",
                                   "time" };
    static const int width[6] = { 8, 13, 11, 10, 15, 14 };
    for (int i = 0; i < 6; i++)
        lab_put_right(head[i], width[i]);
    printf("\n");
    for (int t = 0; t < res->nrows; t++) {
        const Row *w = &res->row[t];
        char c[6][48], a[32];
        snprintf(c[0], sizeof c[0], "%d", w->k);
        if (res->psnr_run.end != LAB_RETURNED)
            snprintf(c[1], sizeof c[1], "—  ");
        else
            snprintf(c[1], sizeof c[1], "%s%s", db(w->her_psnr, a, sizeof a),
                     psnr_agrees(w->her_psnr, w->lab_psnr) ? "  " : " *");
        db(w->best, c[2], sizeof c[2]);
        double want = (double)w->k * (m + n + 1) / ((double)m * n);
        if (res->ratio_run.end != LAB_RETURNED)
            snprintf(c[3], sizeof c[3], "—  ");
        else
            snprintf(c[3], sizeof c[3], "%.3f%s", w->her_ratio,
                     fabs(w->her_ratio - want) <= 1e-12 * want ? "  " : " ‡");
        snprintf(c[4], sizeof c[4], "%d", w->k * (m + n + 1));
        if (w->run.end == LAB_RETURNED && w->run.rc != 0)
            snprintf(c[5], sizeof c[5], "returned %d", w->run.rc);
        else if (w->run.end == LAB_RETURNED && !w->hers)
            snprintf(c[5], sizeof c[5], "NaN in Ak");
        else if (w->run.end == LAB_RETURNED)
            snprintf(c[5], sizeof c[5], "%.0f ms%s", w->ms,
                     w->lab_psnr < w->best - 0.01 && !(w->best > 200 && w->lab_psnr > 200)
                         ? " !"
                     : w->lab_psnr > w->best + 0.01 && w->best < 200 ? " ?" : "");
        else
            snprintf(c[5], sizeof c[5], "%s", w->run.end == LAB_TIMEOUT ? "time-out"
                                              : w->run.end == LAB_SKIPPED ? "skipped"
                                                                           : "crashed");
        for (int i = 0; i < 6; i++)
            lab_put_right(c[i], width[i]);
        printf("\n");
    }
}

static void print_table_notes(const Results *res)
{
    char why[160];
    int lab_images = 0;
    for (int t = 0; t < res->nrows; t++)
        lab_images += !res->row[t].hers;
    say(lab_images ? "PSNR: your psnr(A, Aₖ, 255) of your Aₖ — or, where your low_rank_approx "
                     "gave none, of the lab's best rank-k image. best: 10·log10(255²·mn/Σᵢ≥ₖ "
                     "σᵢ²), the Eckart–Young optimum from the lab's SVD. ratio: your "
                     "compression_ratio. time: one call of your low_rank_approx."
                   : "PSNR: your psnr(A, Aₖ, 255) of your Aₖ. best: 10·log10(255²·mn/Σᵢ≥ₖ "
                     "σᵢ²), the Eckart–Young optimum from the lab's SVD. ratio: your "
                     "compression_ratio. time: one call of your low_rank_approx.");
    const LabRun *runs[2] = { &res->psnr_run, &res->ratio_run };
    static const char *names[2] = { "psnr", "compression_ratio" };
    for (int i = 0; i < 2; i++)
        if (runs[i]->end != LAB_RETURNED) {
            char line[256];
            snprintf(line, sizeof line, "— your %s %s.", names[i],
                     run_trouble(runs[i], CALL_TIMEOUT, why, sizeof why));
            say(line);
        }
    if (res->psnr_bad)
        printf("   * your psnr differs from 10·log10(255²/MSE) computed by the lab for the\n"
               "     same images.\n");
    if (res->ratio_bad)
        printf("   ‡ your compression_ratio differs from k(m + n + 1)/(mn).\n");
    if (res->not_best)
        printf("   ! your Aₖ is further from A than the best rank-k approximation: not the top\n"
               "     k singular triplets?\n");
    if (res->too_good)
        printf("   ? your Aₖ is closer to A than any rank-k matrix can be: it has rank > k.\n");
    if (res->out_of_time)
        printf("   skipped: your calls had used the lab's %.0f s budget.\n", BUDGET);
    printf("\n");
}

/* ---- 3. the pictures ---------------------------------------------------------------------- */

/* Copies the cells of src into g with their top-left corner at (x, y). */
static void blit(PlotGrid *g, const PlotGrid *src, int x, int y)
{
    for (int r = 0; r < src->height; r++)
        for (int c = 0; c < src->width; c++)
            if (x + c < g->width && y + r < g->height)
                g->cells[(y + r) * g->width + x + c] = src->cells[r * src->width + c];
}

/* Draws two images side by side, each under its caption. */
static void show_pair(const double *const px[2], const char *const caption[2], int rows,
                      int cols, PlotStyle style)
{
    PlotGrid *im[2];
    int h = 0;
    for (int i = 0; i < 2; i++) {
        im[i] = px[i] ? plot_image(px[i], rows, cols, 0, PEAK, IMAGE_W, IMAGE_H, style) : NULL;
        h = im[i] && im[i]->height > h ? im[i]->height : h;
    }
    int w0 = im[0] ? im[0]->width : IMAGE_W;
    w0 = w0 < IMAGE_W ? IMAGE_W : w0;
    PlotGrid *g = plot_grid_new(3 + w0 + GAP + IMAGE_W, h + 1);
    for (int i = 0; i < 2; i++) {
        int x = 3 + i * (w0 + GAP);
        if (caption[i])
            plot_text(g, x, 0, caption[i], PLOT_DEFAULT);
        if (im[i])
            blit(g, im[i], x, 1);
        plot_grid_free(im[i]);
    }
    char *text = plot_render(g, style);
    fputs(text, stdout);
    free(text);
    plot_grid_free(g);
}

static const Row *row_for(const Results *res, int k)
{
    for (int t = 0; t < res->nrows; t++)
        if (res->row[t].k == k)
            return &res->row[t];
    return NULL;
}

static void pictures(const Matrix *A, const Results *res)
{
    PlotStyle style = plot_style_auto();
    printf("3. The original and your rank 5, 20 and 50 (shrunk to fit the terminal)\n");
    const double *px[4] = { A->data, NULL, NULL, NULL };
    char cap[4][64];
    snprintf(cap[0], sizeof cap[0], "original, %d×%d", A->cols, A->rows);
    int any_lab = 0;
    for (int i = 0; i < N_SHOWN; i++) {
        const Row *w = row_for(res, SHOWN[i]);
        if (!w) {
            snprintf(cap[i + 1], sizeof cap[i + 1], "(rank %d: the image has only rank %d)",
                     SHOWN[i], A->rows < A->cols ? A->rows : A->cols);
            continue;
        }
        char a[32];
        px[i + 1] = w->Ak->data;
        any_lab |= !w->hers;
        snprintf(cap[i + 1], sizeof cap[i + 1], "rank %d%s: %s dB, %.0f%% kept", w->k,
                 w->hers ? "" : " (lab's)", db(w->lab_psnr, a, sizeof a),
                 100.0 * w->k * (A->rows + A->cols + 1) / ((double)A->rows * A->cols));
    }
    for (int i = 0; i < 4; i += 2) {
        const double *const pair[2] = { px[i], px[i + 1] };
        const char *const caps[2] = { cap[i], cap[i + 1] };
        show_pair(pair, caps, A->rows, A->cols, style);
        printf("\n");
    }
    if (any_lab)
        printf("   (lab's): your low_rank_approx gave no image for that rank; this one is the\n"
               "   lab's, from its own SVD.\n");
    printf("   dB: the PSNR of the image against the original; kept: numbers stored over mn.\n\n");
}

/* ---- 4. PSNR against k, and the elbow ----------------------------------------------------- */

/* The elbow of the best-PSNR curve over k = 1 … kmax: the k farthest above the chord from its
   first to its last point, with k and PSNR both scaled to 0…1 (the "kneedle" rule). Returns 0
   if there are fewer than 3 finite points. */
static int elbow(const double *best, int kmax)
{
    while (kmax > 0 && !isfinite(best[kmax]))
        kmax--;
    if (kmax < 3)
        return 0;
    double y0 = best[1], y1 = best[kmax];
    if (!(y1 > y0))
        return 0;
    int at = 0;
    double far = -INFINITY;
    for (int k = 1; k <= kmax; k++) {
        double x = (double)(k - 1) / (kmax - 1), y = (best[k] - y0) / (y1 - y0);
        if (y - x > far) {
            far = y - x;
            at = k;
        }
    }
    return at;
}

/* Plots the best PSNR for k = 1 … r − 1 with her ranks and the elbow marked; returns the
   elbow's k (0 if there is none). */
static int psnr_chart(const Matrix *A, const Svd *d, const Results *res)
{
    int r = d->r, m = A->rows, n = A->cols;
    int even = (int)floor((double)m * n / (m + n + 1));
    size_t size = sizeof(double) * (size_t)(r + 1);
    double *per_k = malloc(size);                /* the best PSNR by k */
    double *xs = malloc(size), *ys = malloc(size); /* the points plotted */
    int npts = 0;
    per_k[0] = per_k[r] = NAN;
    for (int k = 1; k < r; k++) {
        per_k[k] = best_psnr(d, k);
        if (isfinite(per_k[k]) && per_k[k] < 200) { /* beyond that: rounding noise */
            xs[npts] = k;
            ys[npts++] = per_k[k];
        }
    }
    int at = elbow(per_k, even < r - 1 ? even : r - 1);
    printf("4. The best PSNR for every k (Eckart–Young, from the lab's SVD), your ranks\n"
           "   marked ×, and the elbow ●: the k farthest above the straight line from k = 1\n"
           "   to the break-even rank %d, with both axes scaled to 0…1\n", even);
    PlotSeries s = { "best possible", xs, ys, npts, PLOT_CYAN, 0 };
    PlotAxes ax = plot_axes("PSNR against rank", "k", "PSNR (dB)");
    ax.xmin = 0;
    ax.xmax = r;
    int capped = npts && ys[npts - 1] > CHART_TOP && ys[0] < CHART_TOP - 10;
    if (capped)
        ax.ymax = CHART_TOP;
    PlotGrid *g = npts ? plot_lines(&s, 1, &ax, CHART_W, CHART_H) : NULL;
    if (g) {
        for (int t = 0; t < res->nrows; t++) {
            const Row *w = &res->row[t];
            if (w->hers && isfinite(w->lab_psnr))
                plot_mark(g, w->k, w->lab_psnr, 0x00D7, NULL, PLOT_YELLOW);
        }
        if (at) { /* the label a row below and to the right, where the curve is not */
            char label[64];
            const PlotFrame *f = &g->frame;
            double row = (f->ymax - f->ymin) / f->height, col = (f->xmax - f->xmin) / f->width;
            snprintf(label, sizeof label, "elbow: k = %d, %.1f dB", at, per_k[at]);
            plot_mark(g, at, per_k[at], 0, NULL, PLOT_RED);
            plot_mark(g, at + col, per_k[at] - row, ' ', label, PLOT_RED);
        }
        char *text = plot_render(g, plot_style_auto());
        fputs(text, stdout);
        free(text);
        plot_grid_free(g);
        if (capped)
            printf("   Above %.0f dB (off the chart) no loss is visible.\n", CHART_TOP);
        printf("   k = %d, the full rank, is exact: PSNR = ∞ but for rounding.\n\n", r);
    } else {
        printf("   (nothing to plot)\n\n");
    }
    free(per_k);
    free(xs);
    free(ys);
    return at;
}

/* ---- 5. PNG files ------------------------------------------------------------------------- */

static void write_pngs(const Matrix *A, const Results *res)
{
    const char *dir = getenv("LA4AI_LAB_OUT");
    printf("5. PNG files\n");
    if (!dir || !*dir) {
        printf("   Set LA4AI_LAB_OUT to an absolute folder to keep the original and the rank\n"
               "   5, 20 and 50 images as PNG files (the lab runs in a temporary folder\n"
               "   that is deleted afterwards).\n\n");
        return;
    }
    if (dir[0] != '/') {
        printf("   LA4AI_LAB_OUT=%s is not an absolute path: the lab runs in a temporary\n"
               "   folder that is deleted afterwards, so nothing was written.\n\n", dir);
        return;
    }
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        printf("   Cannot create %s: %s.\n\n", dir, strerror(errno));
        return;
    }
    char path[4096], err[512];
    snprintf(path, sizeof path, "%s/original.png", dir);
    int ok = plot_write_png(path, A->data, A->rows, A->cols, 0, PEAK, err, sizeof err) == 0;
    printf("   %s\n", ok ? path : err);
    for (int i = 0; i < N_SHOWN; i++) {
        const Row *w = row_for(res, SHOWN[i]);
        if (!w)
            continue;
        snprintf(path, sizeof path, "%s/rank-%03d%s.png", dir, w->k, w->hers ? "" : "-lab");
        ok = plot_write_png(path, w->Ak->data, A->rows, A->cols, 0, PEAK, err,
                            sizeof err) == 0;
        printf("   %s\n", ok ? path : err);
    }
    printf("   (%d×%d, the size the lab worked on; pixel values clamped to 0…255)\n\n", A->cols,
           A->rows);
}

/* ---- what you should see ------------------------------------------------------------------ */

/* What her psnr did, when something is off (it returned: see conclusions for the rest). */
static void conclusion_psnr(const Results *res)
{
    char buf[32];
    int zero = 1;
    for (int t = 0; t < res->nrows; t++)
        zero &= res->row[t].her_psnr == 0.0;
    if (zero) {
        lab_bullet("Your psnr returned 0 every time: is it still the stub? It should be "
               "10·log10(255²/MSE) — about %.0f" LAB_NB "dB at k" LAB_NB "=" LAB_NB "1 here.",
               res->row[0].lab_psnr);
        return;
    }
    if (res->psnr_bad)
        lab_bullet("Your psnr disagrees with 10·log10(255²/MSE) computed by the lab for %d of %d "
               "images (* in the table): MSE is the mean of the squared differences over all "
               "mn pixels.", res->psnr_bad, res->nrows);
    if (!(isinf(res->psnr_same) && res->psnr_same > 0))
        lab_bullet("Your psnr(A, A, 255) gave %s: identical images have MSE" LAB_NB "=" LAB_NB "0, and "
               "the answer should be +INFINITY.", db(res->psnr_same, buf, sizeof buf));
}

/* What her compression_ratio did, when something is off. */
static void conclusion_ratio(const Matrix *A, const Results *res)
{
    int m = A->rows, n = A->cols, zero = 1, truncated = 1;
    for (int t = 0; t < res->nrows; t++) {
        const Row *w = &res->row[t];
        zero &= w->her_ratio == 0.0;
        truncated &= w->her_ratio == floor((double)w->k * (m + n + 1) / ((double)m * n));
    }
    if (zero && !truncated)
        lab_bullet("Your compression_ratio returned 0 every time: is it still the stub?");
    else if (res->ratio_bad && truncated)
        lab_bullet("Your compression_ratio returned whole numbers: k(m" LAB_NB "+" LAB_NB "n" LAB_NB "+" LAB_NB
               "1)/(mn) in int arithmetic truncates. Compute it in double.");
    else if (res->ratio_bad)
        lab_bullet("Your compression_ratio differs from k(m" LAB_NB "+" LAB_NB "n" LAB_NB "+" LAB_NB "1)/(mn) for "
               "%d of %d ranks (‡ in the table).", res->ratio_bad, res->nrows);
}

static void conclusions(const Matrix *A, const Svd *d, const Results *res, int elbow_k)
{
    char a[32], why[160];
    int m = A->rows, n = A->cols;
    double even = (double)m * n / (m + n + 1);
    printf("What you should see\n");
    const Row *r5 = row_for(res, 5), *r20 = row_for(res, 20), *r50 = row_for(res, 50);
    if (r5 && r20 && r50)
        lab_bullet("Compare the pictures: rank 5 keeps broad bands of light and dark (%.1f" LAB_NB "dB), "
               "rank 20 the main shapes and edges (%.1f" LAB_NB "dB), and rank 50 (%.1f" LAB_NB "dB) is "
               "hard to tell from the original at terminal size.", r5->best, r20->best,
               r50->best);
    if (elbow_k) {
        double kept = 0;
        for (int i = 0; i < elbow_k; i++)
            kept += d->s[i] * d->s[i];
        lab_bullet("The elbow is at k" LAB_NB "=" LAB_NB "%d: %s dB, %.1f%% of Σσᵢ² (the image's "
               "\"energy\") kept, in %.0f%% of the numbers (ratio %.3f). Past it each extra rank "
               "buys less and less; the break-even rank is %.1f, where a rank-k image stores as "
               "many numbers as the original.",
               elbow_k, db(best_psnr(d, elbow_k), a, sizeof a), 100 * kept / d->total,
               100.0 * elbow_k * (m + n + 1) / ((double)m * n),
               (double)elbow_k * (m + n + 1) / ((double)m * n), even);
    }
    int q = d->r / 4 > 0 ? d->r / 4 : 1;
    char sq[32];
    lab_bullet("σ₁/σ₀" LAB_NB "=" LAB_NB "%.2f, σ%s/σ₀" LAB_NB "=" LAB_NB "%.3f: the faster the singular values "
           "fall, the fewer ranks an image needs. A smooth picture (sky, a portrait) has its "
           "elbow far left; a busy one (foliage, text) further right.",
           d->r > 1 ? d->s[1] / d->s[0] : 0, subscript(q, sq, sizeof sq), d->s[q] / d->s[0]);

    /* her functions, in plain words */
    int gave = 0, failed_rc = 0, nan = 0;
    const Row *trouble = NULL;
    for (int t = 0; t < res->nrows; t++) {
        const Row *w = &res->row[t];
        gave += w->hers;
        failed_rc += w->run.end == LAB_RETURNED && w->run.rc != 0;
        nan += w->run.end == LAB_RETURNED && w->run.rc == 0 && !w->hers;
        if (!trouble && (w->run.end == LAB_CRASHED || w->run.end == LAB_TIMEOUT))
            trouble = w;
    }
    if (trouble)
        lab_bullet("Your low_rank_approx %s at k" LAB_NB "=" LAB_NB "%d and was not called again: the "
               "images from there on are the lab's.",
               run_trouble(&trouble->run, CALL_TIMEOUT, why, sizeof why), trouble->k);
    if (failed_rc || nan)
        lab_bullet("Your low_rank_approx %s%s%s for %d of %d ranks: get it passing its grader "
               "(la4ai check low_rank_image) and run the lab again.",
               failed_rc ? "returned -1" : "", failed_rc && nan ? " or " : "",
               nan ? "left NaN in Aₖ" : "", failed_rc + nan, res->nrows);
    if (gave && !res->not_best && !res->too_good)
        lab_bullet("Your low_rank_approx matched the Eckart–Young optimum at every rank it gave an "
               "image for (to 0.01 dB): its Aₖ is the best rank-k approximation.");
    if (res->not_best || res->too_good)
        lab_bullet("Your low_rank_approx missed the Eckart–Young optimum at %d of %d ranks (marked "
               "%s in the table): keep the k largest singular triplets, and return A itself "
               "for k" LAB_NB "≥" LAB_NB "min(m," LAB_NB "n).",
               res->not_best + res->too_good, gave, res->not_best ? "!" : "?");
    for (int t = 0; t < res->nrows; t++)
        if (res->row[t].changed_input) {
            lab_bullet("Your low_rank_approx changed its input A (at k" LAB_NB "=" LAB_NB "%d): an input "
                   "is const, leave it as it is.", res->row[t].k);
            break;
        }
    const LabRun *runs[2] = { &res->psnr_run, &res->ratio_run };
    static const char *names[2] = { "psnr", "compression_ratio" };
    for (int i = 0; i < 2; i++)
        if (runs[i]->end != LAB_RETURNED)
            lab_bullet("Your %s %s: get it passing its grader (la4ai check low_rank_image).",
                   names[i], run_trouble(runs[i], CALL_TIMEOUT, why, sizeof why));
    if (res->psnr_run.end == LAB_RETURNED)
        conclusion_psnr(res);
    if (res->ratio_run.end == LAB_RETURNED)
        conclusion_ratio(A, res);
}

int main(void)
{
    printf("image_compression — compress a photo with the SVD: your low_rank_approx, psnr\n"
           "and compression_ratio on a greyscale image\n\n");
    char what[1024];
    Image im = load_image(what, sizeof what);
    say(what);
    printf("   LA4AI_LAB_IMAGE=/absolute/path/photo.jpg (PNG, JPEG, BMP or PGM) uses a\n"
           "   picture of yours.\n\n");
    Matrix A = { im.rows, im.cols, im.px };
    Svd d;
    svd_of(&A, &d);

    Results res;
    memset(&res, 0, sizeof res);
    run_low_rank(&A, &d, &res);
    run_metrics(&A, &res);
    check_rows(&A, &res);
    print_table(&A, &res);
    print_table_notes(&res);

    pictures(&A, &res);
    int elbow_k = psnr_chart(&A, &d, &res);
    write_pngs(&A, &res);
    conclusions(&A, &d, &res, elbow_k);

    for (int t = 0; t < res.nrows; t++)
        mat_free(res.row[t].Ak);
    svd_free(&d);
    free(im.px);
    return 0;
}
