/*
 * lab.c — week 4 lab `recommender`: a movie recommender from the learner's mf_svd, nmf and
 * rmse, next to the two baselines every recommender must beat.
 *
 *   1  The data: MovieLens 100K's u.data from $LA4AI_DATA_DIR/ml-100k if it is there (and
 *      the titles from u.item beside it), else generated ratings of the same shape; a seeded
 *      split that holds 10% of the ratings out as the test set.
 *   2  One table of train and test RMSE, computed by her rmse (checked against the lab's):
 *      the global mean; the bias baseline μ + b_u + b_i, plain and damped; her mf_svd at
 *      k = 5, 10, 20; her nmf of the observed ratings (k = 10, 100 rounds, predictions WH
 *      clipped to [1, 5]). Her functions are timed.
 *   3  Recommendations for one user: the five movies she has not rated that her best mf_svd
 *      rates highest, with what the other predictors say and how many ratings each has.
 *   Then a few lines on what to see, naming what her functions did.
 *
 * Theory of operation. Each call of her code runs in a child process (fork) on copies of the
 * inputs, and sends back what it returned through a pipe — for mf_svd the whole users×items
 * prediction matrix: a crash, a call of exit or a hang costs table cells, not the lab, and a
 * function that crashed or hung is not called again. The matrices are dense (943×1682 on
 * MovieLens), so a method that works on every entry instead of the ratings alone can be
 * slow: mf_svd gets a time budget across its three k (a k that would not fit is skipped),
 * and nmf is first timed on one round, then given as many of its 100 rounds as fit.
 *
 * Legend: m users, n items (movies); R the ratings; μ the mean training rating; b_u, b_i the
 * user and item biases; Pred m×n the predictions; V m×n the training ratings (0 elsewhere),
 * M m×n the mask (1 where V is a rating); W m×k, H k×n the NMF factors.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "la4ai.h"
#include "la4grade.h"
#include "la4lab.h"

#define TEST_FRACTION 0.1
#define DAMPING 10.0             /* λ of the damped baseline */
static const int SVD_K[] = { 5, 10, 20 };
#define N_SVD ((int)(sizeof SVD_K / sizeof SVD_K[0]))
#define NMF_K 10
#define NMF_ROUNDS 100
#define NMF_SEED 1u
#define TOP 5                    /* recommendations shown */
#define SVD_BUDGET 60.0          /* seconds for all mf_svd calls together */
#define NMF_BUDGET 30.0          /* seconds for the nmf run */
#define RMSE_TIMEOUT 10.0
#define MAX_ENTRIES 4e6          /* users×movies the lab takes: each dense matrix is 8 bytes
                                    an entry, and a few are alive at once */
#define TITLE_W 30               /* columns for a movie title */
#define POPULAR 20               /* the second list: movies with at least this many ratings */


/* ---- running her code in a child ------------------------------------------------------ */

enum { FN_MF_SVD, FN_RMSE, FN_NMF, FN_COUNT };
static int given_up[FN_COUNT]; /* crashed or hung: not called again */

/* Runs job(in, out, nout), which calls her function fn, in a child process given `timeout`
   seconds (see the top of the file and la4lab.h). out is filled with NaN first, so what the
   child could not send shows. */
static LabRun isolate(int fn, LabJob job, const void *in, double *out, size_t nout,
                      double timeout)
{
    return lab_run(job, in, out, nout, timeout, &given_up[fn]);
}

/* A table cell for a run that gave no predictions. */
static void run_cell(const LabRun *r, char *buf, size_t size)
{
    if (r->end == LAB_TIMEOUT)
        snprintf(buf, size, "no answer within %.0f s", r->timeout);
    else if (r->end == LAB_SKIPPED)
        snprintf(buf, size, "not called again");
    else if (r->end == LAB_CRASHED)
        snprintf(buf, size, r->signaled ? "crashed" : "ended the program");
    else
        snprintf(buf, size, "returned %d", r->rc);
}

/* ---- text --------------------------------------------------------------------------------- */

/* What went wrong, collected for the conclusions. */
static char trouble[8][400];
static int ntrouble;

static void note_trouble(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void note_trouble(const char *fmt, ...)
{
    if (ntrouble == (int)(sizeof trouble / sizeof trouble[0]))
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(trouble[ntrouble++], sizeof trouble[0], fmt, ap);
    va_end(ap);
}

/* ---- 1. the data -------------------------------------------------------------------------- */

typedef struct {
    DataRatings all, train, test;
    int generated;
    int m, n;
    Rating *tr, *te;              /* the split as her functions take it */
    int ntr, nte;
    char **title;                 /* n titles from u.item, or NULL */
    int *item_count;              /* training ratings per item */
    double *item_mean;            /* … and their mean (NaN for none) */
    int *user_count;
} Data;

/* Latin-1 (u.item's encoding) to UTF-8, at most size − 1 bytes, whole characters only. */
static void latin1_to_utf8(const char *s, size_t len, char *out, size_t size)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (o + 1 >= size)
                break;
            out[o++] = (char)c;
        } else {
            if (o + 2 >= size)
                break;
            out[o++] = (char)(0xC0 | c >> 6);
            out[o++] = (char)(0x80 | (c & 0x3F));
        }
    }
    out[o] = '\0';
}

/* Titles from u.item beside u.data ("id|title|date|…", ids from 1). Missing file: NULL. */
static char **load_titles(const char *udata, int n)
{
    char path[4096];
    const char *slash = strrchr(udata, '/');
    int dirlen = slash ? (int)(slash - udata) : 1;
    snprintf(path, sizeof path, "%.*s/u.item", dirlen, slash ? udata : ".");
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    char **title = calloc((size_t)n, sizeof *title), line[1024];
    while (title && fgets(line, sizeof line, f)) {
        char *bar = strchr(line, '|');
        long id = strtol(line, NULL, 10);
        if (!bar || id < 1 || id > n)
            continue;
        char *end = strchr(bar + 1, '|');
        size_t len = end ? (size_t)(end - bar - 1) : strcspn(bar + 1, "\r\n");
        char buf[256];
        latin1_to_utf8(bar + 1, len, buf, sizeof buf);
        free(title[id - 1]);
        title[id - 1] = strdup(buf);
    }
    fclose(f);
    return title;
}

static Rating *to_ratings(const DataRatings *d)
{
    Rating *r = malloc(sizeof(Rating) * (size_t)(d->n > 0 ? d->n : 1));
    for (int t = 0; t < d->n; t++)
        r[t] = (Rating){ d->user[t], d->item[t], d->value[t] };
    return r;
}

static int load_data(Data *d)
{
    printf("1. The data\n");
    const char *path = data_movielens_path();
    const char *dir = getenv("LA4AI_DATA_DIR");
    uint64_t seed = la_seed();
    int loaded = 0;
    if (path) {
        char err[512] = "";
        loaded = data_load_movielens(path, &d->all, err, sizeof err) == 0;
        if (loaded && (d->all.n < 10 || (double)d->all.users * d->all.items > MAX_ENTRIES)) {
            snprintf(err, sizeof err, "%d ratings by %d users of %d movies; the lab needs at "
                     "least 10 ratings and at most %.0e users×movies (its matrices are dense)",
                     d->all.n, d->all.users, d->all.items, MAX_ENTRIES);
            loaded = 0;
        }
        if (loaded) {
            d->title = load_titles(path, d->all.items);
            lab_para("MovieLens 100K from %s: %d ratings (1–5 stars) by %d users of %d movies%s.",
                 path, d->all.n, d->all.users, d->all.items,
                 d->title ? ", titles from u.item" : "");
        } else {
            data_ratings_free(&d->all);
            lab_para("Could not use %s: %s. Going on with generated ratings.", path, err);
        }
    } else {
        lab_para("u.data is not in %s/ml-100k (la4ai data fetch ml-100k downloads MovieLens 100K "
             "from GroupLens, whose terms do not allow passing the file around).",
             dir && *dir ? dir : "$LA4AI_DATA_DIR");
    }
    if (!loaded) {
        if (data_movielens_generate(seed, &d->all) != 0) {
            printf("   Out of memory generating the ratings.\n");
            return -1;
        }
        d->generated = 1;
        lab_para("Using generated ratings of the same shape (seed %llu, LA4AI_SEED): %d ratings "
             "(1–5 stars) by %d users of %d movies — a baseline of user and movie biases, "
             "plus low-rank tastes, plus noise, with a few very popular movies and a long "
             "tail.", (unsigned long long)seed, d->all.n, d->all.users, d->all.items);
    }
    d->m = d->all.users;
    d->n = d->all.items;
    if (data_ratings_split(&d->all, TEST_FRACTION, seed, &d->train, &d->test) != 0 ||
        d->train.n == 0 || d->test.n == 0) {
        printf("   Could not split the ratings.\n");
        return -1;
    }
    d->tr = to_ratings(&d->train);
    d->te = to_ratings(&d->test);
    d->ntr = d->train.n;
    d->nte = d->test.n;
    d->item_count = calloc((size_t)d->n, sizeof(int));
    d->item_mean = calloc((size_t)d->n, sizeof(double));
    d->user_count = calloc((size_t)d->m, sizeof(int));
    for (int t = 0; t < d->ntr; t++) {
        d->item_count[d->tr[t].item]++;
        d->item_mean[d->tr[t].item] += d->tr[t].value;
        d->user_count[d->tr[t].user]++;
    }
    int cold_items = 0, cold_users = 0, cold_test = 0;
    for (int i = 0; i < d->n; i++) {
        d->item_mean[i] = d->item_count[i] ? d->item_mean[i] / d->item_count[i] : NAN;
        cold_items += d->item_count[i] == 0;
    }
    for (int u = 0; u < d->m; u++)
        cold_users += d->user_count[u] == 0;
    for (int t = 0; t < d->nte; t++)
        cold_test += d->item_count[d->te[t].item] == 0 || d->user_count[d->te[t].user] == 0;
    lab_para("Split (seed %llu): %d training ratings, %d test ratings (%.0f%%) held out. The "
         "users×movies matrix is %.1f%% known. %d movie%s and %d user%s have no training "
         "ratings (cold start: %d test rating%s can only get the baseline).",
         (unsigned long long)seed, d->ntr, d->nte, 100 * TEST_FRACTION,
         100.0 * d->all.n / ((double)d->m * d->n), cold_items, cold_items == 1 ? "" : "s",
         cold_users, cold_users == 1 ? "" : "s", cold_test, cold_test == 1 ? "" : "s");
    printf("\n");
    return 0;
}

static void data_free(Data *d)
{
    data_ratings_free(&d->all);
    data_ratings_free(&d->train);
    data_ratings_free(&d->test);
    free(d->tr);
    free(d->te);
    if (d->title)
        for (int i = 0; i < d->n; i++)
            free(d->title[i]);
    free(d->title);
    free(d->item_count);
    free(d->item_mean);
    free(d->user_count);
}

/* ---- the predictors ----------------------------------------------------------------------- */

typedef struct {
    char name[64];          /* in the table: "your mf_svd, k = 5" */
    char label[64];         /* in sentences: "your mf_svd (k = 5)" */
    int fn;                 /* her function behind it, or -1 */
    int ok;                 /* it gave predictions */
    double train, test;     /* RMSE shown: hers when it agrees with the lab's, else the lab's */
    double lab_train, lab_test;
    int rmse_checked;       /* her rmse was called on these predictions and agreed */
    double ms;              /* her function's time (NaN for the lab's own predictors) */
    double *row;            /* the example user's predictions (n) */
    char why[240];          /* !ok: what happened instead, for the conclusions */
    char cell[40];          /* … and in a few words, for the table */
    int budget_skip;        /* not run: it would not have fitted in the time left */
    int gave_up;            /* not run: her function had crashed or hung before */
} Predictor;

/* The lab's RMSE of Pred on ratings r[nr]. */
static double lab_rmse(const Rating *r, int nr, const Matrix *P)
{
    double s = 0;
    for (int t = 0; t < nr; t++) {
        double e = MAT(P, r[t].user, r[t].item) - r[t].value;
        s += e * e;
    }
    return sqrt(s / nr);
}

typedef struct {
    const Rating *test, *train;
    int ntest, ntrain;
    const Matrix *P;
} RmseIn;

static Rating *copy_ratings(const Rating *r, int n)
{
    Rating *c = malloc(sizeof(Rating) * (size_t)(n > 0 ? n : 1));
    memcpy(c, r, sizeof(Rating) * (size_t)n);
    return c;
}

/* out ← her rmse on the test ratings, then on the training ratings */
static int job_rmse(const void *vin, double *out, size_t nout)
{
    const RmseIn *in = vin;
    (void)nout;
    Rating *te = copy_ratings(in->test, in->ntest), *tr = copy_ratings(in->train, in->ntrain);
    Matrix *P = la_mat_copy(in->P);
    double t0 = lab_now_ms();
    out[0] = rmse(te, in->ntest, P);
    out[1] = rmse(tr, in->ntrain, P);
    lab_took(lab_now_ms() - t0);
    free(te);
    free(tr);
    mat_free(P);
    return 0;
}

static int rmse_mismatch_noted;

/* Fills p's RMSEs for the predictions P: the lab's, and hers when her rmse agrees. Keeps
   the example user's row. */
static void evaluate(const Data *d, const Matrix *P, int user, Predictor *p)
{
    p->ok = 1;
    p->lab_test = lab_rmse(d->te, d->nte, P);
    p->lab_train = lab_rmse(d->tr, d->ntr, P);
    p->test = p->lab_test;
    p->train = p->lab_train;
    p->row = malloc(sizeof(double) * (size_t)d->n);
    memcpy(p->row, &MAT(P, user, 0), sizeof(double) * (size_t)d->n);
    double her[2];
    RmseIn in = { d->te, d->tr, d->nte, d->ntr, P };
    LabRun r = isolate(FN_RMSE, job_rmse, &in, her, 2, RMSE_TIMEOUT);
    char t[160];
    if (r.end != LAB_RETURNED) {
        if (r.end != LAB_SKIPPED)
            note_trouble("Your rmse %s: the table shows the lab's own RMSE.",
                         lab_run_trouble(&r, t, sizeof t));
        return;
    }
    int agree = fabs(her[0] - p->lab_test) <= 1e-9 * fmax(1, p->lab_test) &&
                fabs(her[1] - p->lab_train) <= 1e-9 * fmax(1, p->lab_train);
    if (agree) {
        p->rmse_checked = 1;
        p->test = her[0];
        p->train = her[1];
    } else if (!rmse_mismatch_noted) {
        rmse_mismatch_noted = 1;
        note_trouble("Your rmse gave %.6g on the test ratings of \"%s\" where the lab computes "
                     "%.6g%s: the table shows the lab's values, marked *. RMSE = √(Σ(Pred[u][i] "
                     "− r)²/ntest).", her[0], p->name, p->lab_test,
                     her[0] == 0 ? " (still the stub?)" : "");
    }
}

/* Pred ← μ + b_u + b_i with b_u = Σ(r − μ)/(λ + n_u), then b_i = Σ(r − μ − b_u)/(λ + n_i);
   λ = 0 gives mf_svd's baseline (plain means). mu = 1 gives the global mean alone. */
static void baseline(const Data *d, double lambda, int mu_only, Matrix *P, double *mu_out)
{
    double mu = 0, *bu = calloc((size_t)d->m, sizeof(double)),
           *bi = calloc((size_t)d->n, sizeof(double));
    int *ci = calloc((size_t)d->n, sizeof(int));
    for (int t = 0; t < d->ntr; t++)
        mu += d->tr[t].value / d->ntr;
    if (!mu_only) {
        for (int t = 0; t < d->ntr; t++)
            bu[d->tr[t].user] += d->tr[t].value - mu;
        for (int u = 0; u < d->m; u++)
            bu[u] = d->user_count[u] ? bu[u] / (lambda + d->user_count[u]) : 0;
        for (int t = 0; t < d->ntr; t++) {
            bi[d->tr[t].item] += d->tr[t].value - mu - bu[d->tr[t].user];
            ci[d->tr[t].item]++;
        }
        for (int i = 0; i < d->n; i++)
            bi[i] = ci[i] ? bi[i] / (lambda + ci[i]) : 0;
    }
    for (int u = 0; u < d->m; u++)
        for (int i = 0; i < d->n; i++)
            MAT(P, u, i) = mu + bu[u] + bi[i];
    if (mu_out)
        *mu_out = mu;
    free(bu);
    free(bi);
    free(ci);
}

/* ---- her mf_svd --------------------------------------------------------------------------- */

typedef struct {
    const Rating *train;
    int ntrain, m, n, k;
} SvdIn;

/* out (m×n) ← Pred, which arrives holding NaN (her mf_svd must write every entry) */
static int job_mf_svd(const void *vin, double *out, size_t nout)
{
    const SvdIn *in = vin;
    (void)nout;
    Rating *tr = copy_ratings(in->train, in->ntrain);
    Matrix P = { in->m, in->n, out };
    double t0 = lab_now_ms();
    int rc = mf_svd(tr, in->ntrain, in->m, in->n, in->k, &P);
    lab_took(lab_now_ms() - t0);
    free(tr);
    return rc;
}

static int nonfinite_count(const Matrix *P)
{
    int bad = 0;
    for (size_t t = 0; t < (size_t)P->rows * (size_t)P->cols; t++)
        bad += !isfinite(P->data[t]);
    return bad;
}

static void run_svd(const Data *d, int k, double budget_s, int user, Matrix *P, Predictor *p)
{
    SvdIn in = { d->tr, d->ntr, d->m, d->n, k };
    LabRun r = isolate(FN_MF_SVD, job_mf_svd, &in, P->data, (size_t)d->m * (size_t)d->n,
                    budget_s);
    p->ms = r.ms;
    char t[160];
    run_cell(&r, p->cell, sizeof p->cell);
    p->gave_up = r.end == LAB_SKIPPED;
    if (r.end != LAB_RETURNED) {
        snprintf(p->why, sizeof p->why, "%s", lab_run_trouble(&r, t, sizeof t));
        return;
    }
    if (r.rc != 0) {
        snprintf(p->why, sizeof p->why, "returned %d%s", r.rc,
                 r.rc == -1 ? " (still the stub?)" : "");
        return;
    }
    int bad = nonfinite_count(P);
    if (bad) {
        snprintf(p->cell, sizeof p->cell, "left NaN or ∞ in Pred");
        snprintf(p->why, sizeof p->why, "left %d entr%s of Pred NaN or ∞", bad,
                 bad == 1 ? "y" : "ies");
        return;
    }
    evaluate(d, P, user, p);
}

/* ---- her nmf ------------------------------------------------------------------------------ */

typedef struct {
    const Matrix *V, *M;
    int k, iters;
} NmfIn;

/* out ← W (m×k), then H (k×n) */
static int job_nmf(const void *vin, double *out, size_t nout)
{
    const NmfIn *in = vin;
    int m = in->V->rows, n = in->V->cols, k = in->k;
    (void)nout;
    Matrix *V = la_mat_copy(in->V), *M = la_mat_copy(in->M);
    Matrix W = { m, k, out }, H = { k, n, out + (size_t)m * k };
    double t0 = lab_now_ms();
    int rc = nmf(V, M, k, in->iters, NMF_SEED, &W, &H);
    lab_took(lab_now_ms() - t0);
    mat_free(V);
    mat_free(M);
    return rc;
}

typedef struct {
    int rounds;             /* rounds run (NMF_ROUNDS unless time ran short) */
    double probe_ms;        /* one round, timed first */
    double w_min;           /* the smallest entry of W and H (must be ≥ 0) */
} NmfInfo;

static void run_nmf(const Data *d, int user, Matrix *P, Predictor *p, NmfInfo *info)
{
    int m = d->m, n = d->n, k = NMF_K;
    Matrix *V = mat_new(m, n), *M = mat_new(m, n);
    for (int t = 0; t < d->ntr; t++) {
        MAT(V, d->tr[t].user, d->tr[t].item) = d->tr[t].value;
        MAT(M, d->tr[t].user, d->tr[t].item) = 1.0;
    }
    size_t nout = (size_t)m * k + (size_t)k * n;
    double *out = malloc(sizeof(double) * nout);
    char t[160];
    NmfIn in = { V, M, k, 1 };
    LabRun r = isolate(FN_NMF, job_nmf, &in, out, nout, NMF_BUDGET);
    info->probe_ms = r.ms;
    info->rounds = NMF_ROUNDS;
    if (r.end == LAB_RETURNED && r.rc == 0 && r.ms * NMF_ROUNDS > NMF_BUDGET * 1e3) {
        info->rounds = (int)(NMF_BUDGET * 1e3 / fmax(r.ms, 1e-3));
        if (info->rounds < 1)
            info->rounds = 1;
    }
    if (r.end == LAB_RETURNED && r.rc == 0) {
        in.iters = info->rounds;
        r = isolate(FN_NMF, job_nmf, &in, out, nout, 2 * NMF_BUDGET);
    }
    p->ms = r.ms;
    snprintf(p->name, sizeof p->name, "your nmf, k = %d, %d rounds", k, info->rounds);
    snprintf(p->label, sizeof p->label, "your nmf");
    run_cell(&r, p->cell, sizeof p->cell);
    p->gave_up = r.end == LAB_SKIPPED;
    if (r.end != LAB_RETURNED) {
        snprintf(p->why, sizeof p->why, "%s", lab_run_trouble(&r, t, sizeof t));
    } else if (r.rc != 0) {
        snprintf(p->why, sizeof p->why, "returned %d%s", r.rc,
                 r.rc == -1 ? " (still the stub?)" : "");
    } else {
        int bad = 0;
        info->w_min = INFINITY;
        for (size_t s = 0; s < nout; s++) {
            bad += !isfinite(out[s]);
            info->w_min = fmin(info->w_min, out[s]);
        }
        if (bad) {
            snprintf(p->cell, sizeof p->cell, "left NaN or ∞ in W, H");
            snprintf(p->why, sizeof p->why, "left %d entr%s of W or H NaN or ∞", bad,
                     bad == 1 ? "y" : "ies");
        } else {
            // Pred = WH clipped to the rating scale [1, 5]
            const double *W = out, *H = out + (size_t)m * k;
            for (int u = 0; u < m; u++)
                for (int i = 0; i < n; i++) {
                    double acc = 0;
                    for (int c = 0; c < k; c++)
                        acc += W[u * k + c] * H[(size_t)c * n + i];
                    MAT(P, u, i) = acc < 1 ? 1 : acc > 5 ? 5 : acc;
                }
            evaluate(d, P, user, p);
        }
    }
    free(out);
    mat_free(V);
    mat_free(M);
}

/* ---- 2. the table ------------------------------------------------------------------------- */

enum { P_MEAN, P_BASE, P_DAMPED, P_SVD, P_NMF = P_SVD + N_SVD, P_COUNT };

static Predictor pred[P_COUNT];
static NmfInfo nmf_info;
static double mu;
static int example_user, best_svd = -1, any_star;

static void print_table(void)
{
    static const int w[] = { 38, 12, 11, 11 };
    printf("   ");
    lab_put_left("predictor", w[0]);
    lab_put_right("train RMSE", w[1]);
    lab_put_right("test RMSE", w[2]);
    lab_put_right("time", w[3]);
    printf("\n");
    for (int q = 0; q < P_COUNT; q++) {
        const Predictor *p = &pred[q];
        printf("   ");
        lab_put_left(p->name, w[0]);
        if (!p->ok) {
            printf("  %s\n", p->cell);
            continue;
        }
        char cell[3][32];
        const char *star = p->rmse_checked ? "" : "*";
        snprintf(cell[0], sizeof cell[0], "%.4f%s", p->train, star);
        snprintf(cell[1], sizeof cell[1], "%.4f%s", p->test, star);
        if (isnan(p->ms))
            snprintf(cell[2], sizeof cell[2], "—");
        else
            snprintf(cell[2], sizeof cell[2], "%.2f s", p->ms / 1e3);
        any_star |= !p->rmse_checked;
        lab_put_right(cell[0], w[1]);
        lab_put_right(cell[1], w[2]);
        lab_put_right(cell[2], w[3]);
        printf("\n");
    }
}

/* The user whose number of training ratings is the median (the lowest id on a tie). */
static int median_user(const Data *d)
{
    int *counts = malloc(sizeof(int) * (size_t)d->m);
    memcpy(counts, d->user_count, sizeof(int) * (size_t)d->m);
    for (int a = 1; a < d->m; a++) /* insertion sort: 943 users */
        for (int b = a; b > 0 && counts[b] < counts[b - 1]; b--) {
            int t = counts[b];
            counts[b] = counts[b - 1];
            counts[b - 1] = t;
        }
    int median = counts[d->m / 2], user = 0;
    free(counts);
    while (user < d->m && d->user_count[user] != median)
        user++;
    return user;
}

static void part2(const Data *d)
{
    printf("2. Test RMSE, in stars (lower is better)\n");
    Matrix *P = mat_new(d->m, d->n);
    example_user = median_user(d);

    baseline(d, 0, 1, P, &mu);
    snprintf(pred[P_MEAN].name, sizeof pred[P_MEAN].name, "global mean μ = %.3f", mu);
    snprintf(pred[P_MEAN].label, sizeof pred[P_MEAN].label, "the global mean");
    pred[P_MEAN].ms = NAN;
    evaluate(d, P, example_user, &pred[P_MEAN]);

    baseline(d, 0, 0, P, NULL);
    snprintf(pred[P_BASE].name, sizeof pred[P_BASE].name, "bias baseline μ + b_u + b_i");
    snprintf(pred[P_BASE].label, sizeof pred[P_BASE].label, "the bias baseline");
    pred[P_BASE].ms = NAN;
    evaluate(d, P, example_user, &pred[P_BASE]);

    baseline(d, DAMPING, 0, P, NULL);
    snprintf(pred[P_DAMPED].name, sizeof pred[P_DAMPED].name, "… damped, λ = %g", DAMPING);
    snprintf(pred[P_DAMPED].label, sizeof pred[P_DAMPED].label, "the damped baseline");
    pred[P_DAMPED].ms = NAN;
    evaluate(d, P, example_user, &pred[P_DAMPED]);

    double left = SVD_BUDGET, last_ms = NAN;
    int last_k = 0;
    for (int s = 0; s < N_SVD; s++) {
        Predictor *p = &pred[P_SVD + s];
        snprintf(p->name, sizeof p->name, "your mf_svd, k = %d", SVD_K[s]);
        snprintf(p->label, sizeof p->label, "your mf_svd (k" LAB_NB "=" LAB_NB "%d)", SVD_K[s]);
        p->ms = NAN;
        double expect = isnan(last_ms) ? 0 : last_ms / 1e3 * SVD_K[s] / last_k;
        if (!given_up[FN_MF_SVD] && (left < 1 || expect > left)) {
            if (isnan(last_ms)) {
                snprintf(p->cell, sizeof p->cell, "skipped: no time left");
                snprintf(p->why, sizeof p->why, "was skipped at k" LAB_NB "=" LAB_NB "%d: the %.0f"
                         LAB_NB "s for all its calls were used up", SVD_K[s], SVD_BUDGET);
            } else {
                snprintf(p->cell, sizeof p->cell, "skipped: %.0f s expected", expect);
                snprintf(p->why, sizeof p->why, "was skipped at k" LAB_NB "=" LAB_NB "%d: at k" LAB_NB
                         "=" LAB_NB "%d it took %.1f" LAB_NB "s, so about %.1f" LAB_NB "s were "
                         "expected, more than the %.1f" LAB_NB "s left of %.0f", SVD_K[s], last_k,
                         last_ms / 1e3, expect, fmax(left, 0), SVD_BUDGET);
            }
            p->budget_skip = 1;
            continue;
        }
        double t0 = lab_now_ms();
        run_svd(d, SVD_K[s], left, example_user, P, p);
        left -= (lab_now_ms() - t0) / 1e3;
        if (p->ok) {
            last_ms = p->ms;
            last_k = SVD_K[s];
            if (best_svd < 0 || p->test < pred[best_svd].test)
                best_svd = P_SVD + s;
        }
    }
    run_nmf(d, example_user, P, &pred[P_NMF], &nmf_info);
    mat_free(P);

    print_table();
    lab_para("Timed: your function alone, in a child process. The damped baseline divides each "
         "bias's sum by λ" LAB_NB "+" LAB_NB "count instead of count (λ" LAB_NB "=" LAB_NB "%g), pulling the "
         "bias of a user or movie with few ratings toward 0. NMF predictions are WH clipped "
         "to [1, 5]; NMF is fitted to the observed ratings only (Mask" LAB_NB "=" LAB_NB "1 there).",
         DAMPING);
    if (any_star)
        lab_para("* the lab's own RMSE: your rmse disagreed or gave none (see the end).");
    else
        lab_para("Every RMSE above is your rmse's, and matches the lab's own.");
    if (nmf_info.rounds < NMF_ROUNDS)
        lab_para("Your nmf took %.1f s for one round, so it ran %d rounds instead of %d to stay "
             "within %.0f s.", nmf_info.probe_ms / 1e3, nmf_info.rounds, NMF_ROUNDS,
             NMF_BUDGET);
    printf("\n");
}

/* ---- 3. recommendations for one user ------------------------------------------------------ */

/* top[TOP] ← the items with at least min_count training ratings that the user has none
   for, by decreasing row value. Returns how many (≤ TOP). */
static int top_unseen(const Data *d, const double *row, const char *seen, int min_count,
                      int *top)
{
    int got = 0;
    for (int i = 0; i < d->n; i++) {
        if (seen[i] || !isfinite(row[i]) || d->item_count[i] < min_count)
            continue;
        int at = got < TOP ? got++ : TOP;
        if (at == TOP && row[i] <= row[top[TOP - 1]])
            continue;
        if (at == TOP)
            at = TOP - 1;
        while (at > 0 && row[i] > row[top[at - 1]]) {
            top[at] = top[at - 1];
            at--;
        }
        top[at] = i;
    }
    return got;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The median number of training ratings of the items in list[k]. */
static int median_count(const Data *d, const int *list, int k)
{
    int c[TOP > 1 ? TOP : 1];
    for (int t = 0; t < k; t++)
        c[t] = d->item_count[list[t]];
    qsort(c, (size_t)k, sizeof c[0], cmp_int);
    return k ? c[k / 2] : 0;
}

static void movie_name(const Data *d, int i, char *buf, size_t size)
{
    const char *t = d->title && d->title[i] ? d->title[i] : NULL;
    char full[300];
    if (t)
        snprintf(full, sizeof full, "%s", t);
    else
        snprintf(full, sizeof full, "movie %d", i + 1);
    if (lab_text_width(full) <= TITLE_W) {
        snprintf(buf, size, "%s", full);
        return;
    }
    /* cut to TITLE_W − 1 code points and add "…" */
    int w = 0;
    size_t o = 0;
    for (const char *p = full; *p && o + 4 < size; p++) {
        if (((unsigned char)*p & 0xC0) != 0x80 && ++w > TITLE_W - 1)
            break;
        buf[o++] = *p;
    }
    memcpy(buf + o, "…", sizeof "…");
}

static struct {
    int shown;                      /* a top-5 table was printed */
    int median[P_COUNT];            /* median training ratings of each predictor's top 5 */
    int all_median;                 /* … of all movies */
    int by;                         /* the predictor the tables are sorted by */
} rec;

/* The top list as a table: the movie, what three predictors say, its popularity and the
   user's held-out rating if the test set has one. */
static void print_top(const Data *d, const int *top, int got, const double *test_r)
{
    static const int w[] = { TITLE_W + 2, 7, 7, 7, 9, 7, 6 };
    static const char *head[] = { "movie", "SVD", "damped", "NMF", "ratings", "mean",
                                  "test" };
    printf("   ");
    lab_put_left(head[0], w[0]);
    for (int j = 1; j < 7; j++)
        lab_put_right(head[j], w[j]);
    printf("\n");
    const int cols[3] = { best_svd, P_DAMPED, P_NMF };
    for (int t = 0; t < got; t++) {
        int i = top[t];
        char name[320], cell[6][32];
        movie_name(d, i, name, sizeof name);
        for (int c = 0; c < 3; c++) {
            const Predictor *p = cols[c] >= 0 ? &pred[cols[c]] : NULL;
            snprintf(cell[c], sizeof cell[c], p && p->ok ? "%.2f" : "—",
                     p && p->ok ? p->row[i] : 0.0);
        }
        snprintf(cell[3], sizeof cell[3], "%d", d->item_count[i]);
        snprintf(cell[4], sizeof cell[4], isnan(d->item_mean[i]) ? "—" : "%.2f",
                 d->item_mean[i]);
        snprintf(cell[5], sizeof cell[5], "%.0f", test_r[i]);
        printf("   ");
        lab_put_left(name, w[0]);
        for (int j = 1; j < (isnan(test_r[i]) ? 6 : 7); j++) /* no test rating: no cell */
            lab_put_right(cell[j - 1], w[j]);
        printf("\n");
    }
}

static void part3(const Data *d)
{
    int u = example_user;
    printf("3. Recommendations for user %d (%d training ratings: the median user)\n", u + 1,
           d->user_count[u]);
    char *seen = calloc((size_t)d->n, 1);
    double *test_r = malloc(sizeof(double) * (size_t)d->n);
    for (int i = 0; i < d->n; i++)
        test_r[i] = NAN;
    int fives = 0;
    char favs[400] = "";
    size_t len = 0;
    for (int t = 0; t < d->ntr; t++)
        if (d->tr[t].user == u) {
            seen[d->tr[t].item] = 1;
            if (d->tr[t].value == 5) {
                fives++;
                if (d->title && fives <= 3) {
                    char name[320];
                    movie_name(d, d->tr[t].item, name, sizeof name);
                    len += (size_t)snprintf(favs + len, sizeof favs - len, "%s%s",
                                            len ? "; " : "", name);
                }
            }
        }
    for (int t = 0; t < d->nte; t++)
        if (d->te[t].user == u)
            test_r[d->te[t].item] = d->te[t].value;
    if (d->title && fives)
        lab_para("Gave 5 stars to %d of them, among them %s.", fives, favs);
    else
        lab_para("Gave 5 stars to %d of them.", fives);

    rec.by = best_svd >= 0 ? best_svd : pred[P_DAMPED].ok ? P_DAMPED : -1;
    int top[TOP], got = 0;
    if (rec.by >= 0)
        got = top_unseen(d, pred[rec.by].row, seen, 0, top);
    if (got == 0) {
        lab_para("Nothing to recommend: no predictor gave predictions.");
        printf("\n");
        free(seen);
        free(test_r);
        return;
    }
    lab_para("The %d movies that %s rates highest among those user %d has no training rating "
         "for%s:", got, pred[rec.by].label, u + 1,
         best_svd >= 0 ? " (the k with the lowest test RMSE)" : "");
    print_top(d, top, got, test_r);
    int obscure = 0; /* the first list has a movie with few ratings: show the second */
    for (int t = 0; t < got; t++)
        obscure |= d->item_count[top[t]] < POPULAR;
    int popular = obscure ? top_unseen(d, pred[rec.by].row, seen, POPULAR, top) : 0;
    if (popular) {
        lab_para("The same, among movies with at least %d training ratings:", POPULAR);
        print_top(d, top, popular, test_r);
    }
    lab_para("ratings, mean: the movie's training ratings; test: user %d's held-out rating, if "
         "the test set has one. damped: the damped baseline.", u + 1);
    rec.shown = 1;

    /* how popular each predictor's top picks are */
    int *all = malloc(sizeof(int) * (size_t)d->n);
    for (int i = 0; i < d->n; i++)
        all[i] = d->item_count[i];
    qsort(all, (size_t)d->n, sizeof all[0], cmp_int);
    rec.all_median = all[d->n / 2];
    free(all);
    char list[400] = "";
    len = 0;
    const int who[] = { P_BASE, P_DAMPED, best_svd, P_NMF };
    for (size_t s = 0; s < sizeof who / sizeof who[0]; s++) {
        int q = who[s];
        if (q < 0 || !pred[q].ok)
            continue;
        int tq[TOP], gq = top_unseen(d, pred[q].row, seen, 0, tq);
        rec.median[q] = median_count(d, tq, gq);
        len += (size_t)snprintf(list + len, sizeof list - len, "%s%s %d", len ? ", " : "",
                                pred[q].label, rec.median[q]);
    }
    lab_para("How well known each predictor's top %d for this user are, as the median number of "
         "training ratings: %s (all movies: %d).", TOP, list, rec.all_median);
    printf("\n");
    free(seen);
    free(test_r);
}

/* ---- what you should see ------------------------------------------------------------------ */

static const char *plural(int n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* One bullet per function of hers that gave no predictions somewhere: "Your mf_svd returned
   -1 (still the stub?) at k = 5, 10, 20." */
static void failures(void)
{
    int done[P_COUNT] = { 0 };
    for (int q = P_SVD; q < P_COUNT; q++) {
        const Predictor *p = &pred[q];
        if (p->ok || p->gave_up || done[q])
            continue;
        if (p->budget_skip || q == P_NMF) {
            lab_bullet("Your %s %s.", q == P_NMF ? "nmf" : "mf_svd", p->why);
            continue;
        }
        char ks[64] = "";
        size_t len = 0;
        int n = 0, later = 0;
        for (int r = q; r < P_SVD + N_SVD; r++) {
            if (!pred[r].ok && !pred[r].budget_skip && !pred[r].gave_up &&
                !strcmp(pred[r].why, p->why)) {
                len += (size_t)snprintf(ks + len, sizeof ks - len, "%s%d", n ? ", " : "",
                                        SVD_K[r - P_SVD]);
                done[r] = 1;
                n++;
            }
            later += pred[r].gave_up;
        }
        lab_bullet("Your mf_svd %s at k" LAB_NB "=" LAB_NB "%s%s.", p->why, ks,
               later ? ", and was not called again" : "");
    }
    for (int i = 0; i < ntrouble; i++)
        lab_bullet("%s", trouble[i]);
    int any_fail = 0;
    for (int q = P_SVD; q < P_COUNT; q++)
        any_fail |= !pred[q].ok && !pred[q].budget_skip;
    if (any_fail)
        lab_bullet("Get each function passing its grader (la4ai check mf_svd, la4ai check nmf) "
               "and run the lab again.");
}

static void conclusions(const Data *d)
{
    printf("What you should see\n");
    const Predictor *gm = &pred[P_MEAN], *bb = &pred[P_BASE], *db = &pred[P_DAMPED];
    int best_fact = best_svd;
    if (pred[P_NMF].ok && (best_fact < 0 || pred[P_NMF].test < pred[best_fact].test))
        best_fact = P_NMF;
    double step1 = gm->test - bb->test;
    if (best_fact >= 0) {
        double step2 = bb->test - pred[best_fact].test;
        if (step2 > 0)
            lab_bullet("The bias baseline cuts the test RMSE from %.3f (global mean) to %.3f, "
                   "%.3f stars; the best factorization, %s, takes off %.3f more%s", gm->test,
                   bb->test, step1, pred[best_fact].label, step2,
                   step1 > step2 ? ": the baseline is the biggest single step."
                                 : ": here the tastes gain more than the biases did.");
        else
            lab_bullet("The bias baseline cuts the test RMSE from %.3f (global mean) to %.3f, "
                   "%.3f stars; no factorization of yours did better (the best, %s, reached "
                   "%.3f).", gm->test, bb->test, step1, pred[best_fact].label,
                   pred[best_fact].test);
    } else {
        lab_bullet("The bias baseline cuts the test RMSE from %.3f (global mean) to %.3f, %.3f "
               "stars: generous users and well-liked movies are much of what can be "
               "predicted.", gm->test, bb->test, step1);
    }
    double dd = db->test - bb->test;
    lab_bullet("Damping (λ" LAB_NB "=" LAB_NB "%g) %s the baseline's test RMSE by %.3f%s", DAMPING,
           dd < 0 ? "lowers" : "raises", fabs(dd),
           dd < 0 ? ": a movie rated 5 by its only two viewers no longer gets their whole "
                    "enthusiasm as its bias."
                  : ": on this split the plain means were already reliable enough.");

    int ran = 0, first = -1, last = -1, train_falls = 1, min_at = -1;
    for (int s = 0; s < N_SVD; s++) {
        const Predictor *p = &pred[P_SVD + s];
        if (!p->ok)
            continue;
        if (last >= 0 && !(p->train < pred[last].train))
            train_falls = 0;
        if (min_at < 0 || p->test < pred[min_at].test)
            min_at = P_SVD + s;
        if (first < 0)
            first = P_SVD + s;
        last = P_SVD + s;
        ran++;
    }
    if (ran >= 2) {
        char tail[240];
        int kmin = SVD_K[min_at - P_SVD];
        if (min_at == last)
            snprintf(tail, sizeof tail, "keeps falling: the curve has not turned by k" LAB_NB "="
                     LAB_NB "%d — try larger k in your own code", kmin);
        else if (min_at == first)
            snprintf(tail, sizeof tail, "is lowest at the smallest k, %d, and rises after: "
                     "more factors fit the noise in the known ratings, and the zeros that "
                     "stand in for the missing ones", kmin);
        else
            snprintf(tail, sizeof tail, "is lowest at k" LAB_NB "=" LAB_NB "%d, then rises: more "
                     "factors fit noise", kmin);
        lab_bullet("Your mf_svd: as k grows the training RMSE %s (%.3f → %.3f), while the test "
               "RMSE %s. Choose k on held-out data, never on the training error.",
               train_falls ? "falls" : "does not keep falling", pred[first].train,
               pred[last].train, tail);
    }
    if (ran >= 1) {
        if (pred[min_at].test < bb->test)
            lab_bullet("At its best your mf_svd beats its own baseline by %.3f stars: the tastes "
                   "in the residual are real, if small next to the biases.",
                   bb->test - pred[min_at].test);
        else
            lab_bullet("Your mf_svd does not beat its own baseline (%.3f at best against %.3f): "
                   "if it is right, the rank-k part fits the zero-filled residual more than "
                   "the tastes; check it against its grader.", pred[min_at].test, bb->test);
    }
    const Predictor *nm = &pred[P_NMF];
    if (nm->ok) {
        if (nm->test >= gm->test)
            lab_bullet("Your nmf reached %.3f, no better than predicting the global mean "
                   "(%.3f): something is off — check it against its grader (la4ai check "
                   "nmf).", nm->test, gm->test);
        else if (nm->test < bb->test)
            lab_bullet("Your nmf (no bias terms) reached %.3f, better than the bias baseline "
                   "(%.3f): non-negative parts can carry a user's generosity and a movie's "
                   "appeal too, since WH is fitted to the known ratings only.",
                   nm->test, bb->test);
        else
            lab_bullet("Your nmf reached %.3f against the baseline's %.3f. It has no bias terms: "
                   "every user's generosity and every movie's appeal must be built from "
                   "non-negative parts of WH, and %d rounds of multiplicative updates "
                   "converge slowly.", nm->test, bb->test, nmf_info.rounds);
        if (nm->test < gm->test && nm->train < nm->test - 0.15)
            lab_bullet("Your nmf's training RMSE (%.3f) is far below its test RMSE: with %d "
                   "factors and no regularization it also fits the noise in the known "
                   "ratings.", nm->train, NMF_K);
        if (nmf_info.w_min < 0)
            lab_bullet("Your nmf left negative entries in W or H (down to %.2g): multiplicative "
                   "updates keep every entry ≥" LAB_NB "0 when the start is positive.",
                   nmf_info.w_min);
    }
    if (rec.shown && best_svd >= 0 && pred[P_DAMPED].ok) {
        int ms = rec.median[best_svd], md = rec.median[P_DAMPED];
        if (ms < rec.all_median)
            lab_bullet("The top picks of your mf_svd are obscure (a median of %d training %s, "
                   "against %d for all movies): a movie with a few high ratings gets a big "
                   "b_i, and nothing pulls it back. The damped baseline's picks have a median "
                   "of %d. Real systems damp or regularize for this, or recommend only "
                   "movies with enough ratings, as the second list does.",
                   ms, plural(ms, "rating", "ratings"), rec.all_median, md);
        else
            lab_bullet("The top picks of your mf_svd are well known movies (a median of %d "
                   "training ratings, against %d for all movies).", ms, rec.all_median);
    }
    double slow = 0;
    for (int s = 0; s < N_SVD; s++)
        if (pred[P_SVD + s].ok)
            slow = fmax(slow, pred[P_SVD + s].ms);
    int nmf_slow = nmf_info.rounds < NMF_ROUNDS || pred[P_NMF].ms > 20e3;
    if (slow > 5e3 || nmf_slow)
        lab_bullet("Your %s slow on this %d×%d matrix: only %.1f%% of its entries are ratings, so "
               "sums over the ratings alone (not every entry) do about %.0f times less work.",
               slow > 5e3 && nmf_slow ? "mf_svd and nmf are" : slow > 5e3 ? "mf_svd is"
                                                                           : "nmf is",
               d->m, d->n, 100.0 * d->ntr / ((double)d->m * d->n),
               (double)d->m * d->n / d->ntr);
    failures();
}

int main(void)
{
    printf("recommender — movie ratings predicted by your mf_svd and nmf, scored by your\n"
           "rmse, next to the global mean and the bias baseline\n\n");
    Data d = { 0 };
    if (load_data(&d) != 0) {
        data_free(&d);
        return 1;
    }
    part2(&d);
    part3(&d);
    conclusions(&d);
    for (int q = 0; q < P_COUNT; q++)
        free(pred[q].row);
    data_free(&d);
    return 0;
}
