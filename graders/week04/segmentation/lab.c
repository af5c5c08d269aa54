/*
 * lab.c — week 4 lab `segmentation`: customer segments from the Mall Customers data with
 * the learner's standardize, pca_fit, pca_transform and kmeans, the seed's pipeline
 * StandardScaler → PCA(2) → KMeans(5) written by hand.
 *
 *   1  The data: Mall_Customers.csv from $LA4AI_DATA_DIR/mall if it is there, else 200
 *      generated customers in five known segments (the lab prints them, so that what k-means
 *      recovers can be checked).
 *   2  Age, Income and Score standardized, then PCA: the loadings, the explained-variance
 *      ratios, and in words what PC1, PC2 (kept) and PC3 (dropped) measure.
 *   3  k-means with k = 5 in the standardized space and in PC space: inertia, and per
 *      cluster its size, mean age, income, score and share of women; the customers drawn in
 *      PC space, coloured by cluster.
 *   4  The two clusterings compared, up to renaming the clusters: best-match agreement, the
 *      adjusted Rand index, the customers that change cluster and why; for the generated
 *      customers, how well each clustering finds the true segments.
 *   5  The elbow: inertia for k = 1…8 in both spaces.
 *   6  Gender as a fourth standardized column: what PCA and k-means make of a 0/1 feature.
 *   Then a few lines on what to see, naming what her functions did.
 *
 * Theory of operation. Each call of her code runs in a child process (fork) on copies of the
 * inputs and sends back what it returned through a pipe: a crash, a call of exit or a hang
 * costs that step, not the lab, and a function that crashed or hung is not called again.
 * Where her standardize or PCA gives nothing usable, the lab uses its own (a two-pass mean
 * and standard deviation; the SVD of the centred data from the grader library), says so, and
 * goes on, so that her kmeans can still be seen; without kmeans there are no clusters.
 *
 * Legend: n customers; d features; X n×d raw, Z n×d standardized; components d×d (rows are
 * unit principal directions, sign chosen so that the largest loading is positive); T n×2
 * the scores on PC1, PC2; K = 5 clusters; labels[n]; J the inertia Σ‖zᵢ − c_labelᵢ‖².
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
#include "plot.h"

#define K 5                      /* clusters, as in the seed's recipe */
#define MAX_ITER 100             /* Lloyd rounds at most */
#define ELBOW_KMAX 8
#define ELBOW_SEEDS 5            /* the elbow keeps the best of this many seeds per k */
#define MAX_D 4                  /* Gender, Age, Income, Score */
#define MAX_MOVERS 8             /* customers listed by name when the clusterings differ */
#define PURE 0.9                 /* a cluster "is one gender" from this share on */
#define CALL_TIMEOUT 5.0         /* seconds for one child's calls */
#define MAX_N 2000               /* customers the lab takes */

#define PLOT_W 76
#define PLOT_H 24

/* ---- running her code in a child ------------------------------------------------------ */

/* The functions of hers that crashed or hung: not called again. */
enum { FN_STANDARDIZE, FN_PCA_FIT, FN_PCA_TRANSFORM, FN_KMEANS, FN_COUNT };
static int given_up[FN_COUNT];

/* Runs job(in, out, nout), which calls her function fn, in a child process (see the top of
   the file and la4lab.h). out is filled with NaN first, so what the child could not send
   shows. */
static LabRun isolate(int fn, LabJob job, const void *in, double *out, size_t nout)
{
    return lab_run(job, in, out, nout, CALL_TIMEOUT, &given_up[fn]);
}

/* ---- text --------------------------------------------------------------------------------- */

/* What went wrong, collected for the conclusions: "your pca_fit returned -1: …". */
static char trouble[8][320];
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

/* ---- the features ------------------------------------------------------------------------ */

enum { F_GENDER, F_AGE, F_INCOME, F_SCORE, F_COUNT };

/* Names, and how to say "a customer high (low) on this feature" in a sentence. */
static const struct { const char *name, *unit, *more, *less; } FEATURE[F_COUNT] = {
    [F_GENDER] = { "Gender", "0 = man, 1 = woman", "are women", "are men" },
    [F_AGE] = { "Age", "years", "are older", "are younger" },
    [F_INCOME] = { "Income", "k$ a year", "earn more", "earn less" },
    [F_SCORE] = { "Score", "spending score 1–100", "spend more", "spend less" },
};

static const int FEAT3[3] = { F_AGE, F_INCOME, F_SCORE };
static const int FEAT4[4] = { F_GENDER, F_AGE, F_INCOME, F_SCORE };

static double feature_value(const DataMall *m, int f, int i)
{
    switch (f) {
    case F_GENDER: return m->gender[i];
    case F_AGE: return m->age[i];
    case F_INCOME: return m->income[i];
    default: return m->score[i];
    }
}

/* X (n×d) ← the columns feat[0…d−1] of the customers. */
static Matrix *feature_matrix(const DataMall *m, const int *feat, int d)
{
    Matrix *X = mat_new(m->n, d);
    for (int i = 0; i < m->n; i++)
        for (int j = 0; j < d; j++)
            MAT(X, i, j) = feature_value(m, feat[j], i);
    return X;
}

/* ---- 1. the data -------------------------------------------------------------------------- */

typedef struct {
    DataMall mall;
    int generated;
    int *truth;         /* generated only: the segment of each customer */
} Customers;

static int load_customers(Customers *c)
{
    printf("1. The data\n");
    const char *path = data_mall_path();
    const char *dir = getenv("LA4AI_DATA_DIR");
    if (path) {
        char err[512];
        if (data_load_mall(path, &c->mall, err, sizeof err) == 0 && c->mall.n >= 2 * K &&
            c->mall.n <= MAX_N) {
            lab_para("%d customers from %s.", c->mall.n, path);
            return 0;
        }
        if (c->mall.n > 0)
            snprintf(err, sizeof err, "%s has %d customers; the lab takes %d to %d", path,
                     c->mall.n, 2 * K, MAX_N);
        data_mall_free(&c->mall);
        lab_para("Could not use the real data: %s. Going on with generated customers.", err);
    } else {
        lab_para("Mall_Customers.csv is not in %s/mall (get it from Kaggle, \"Mall Customer "
             "Segmentation Data\", and put it there to use the real customers).",
             dir && *dir ? dir : "$LA4AI_DATA_DIR");
    }
    uint64_t seed = la_seed();
    c->truth = malloc(sizeof(int) * DATA_MALL_N);
    if (!c->truth || data_mall_generate(seed, &c->mall) != 0 ||
        data_mall_segments(seed, c->truth) != 0) {
        printf("   Out of memory generating the customers.\n");
        return -1;
    }
    c->generated = 1;
    lab_para("Using %d generated customers (seed %llu, LA4AI_SEED) with the same columns, in %d "
         "known segments of income and spending score (part" LAB_NB "4 compares the clusters with "
         "them):",
         c->mall.n, (unsigned long long)seed, DATA_MALL_K);
    printf("      %-29s %4s %11s %9s %10s %6s\n", "segment", "n", "income k$", "score", "age",
           "women");
    for (int s = 0; s < DATA_MALL_K; s++) {
        const DataMallSegment *g = data_mall_segment(s);
        char cell[3][48];
        snprintf(cell[0], sizeof cell[0], "%.0f–%.0f", g->income_lo, g->income_hi);
        snprintf(cell[1], sizeof cell[1], "%.0f–%.0f", g->score_lo, g->score_hi);
        snprintf(cell[2], sizeof cell[2], "%.0f ± %g", g->age_mean, g->age_sd);
        printf("   %c  %-29s %4d ", 'A' + s, g->name, g->count);
        lab_put_right(cell[0], 11);
        lab_put_right(cell[1], 10);
        lab_put_right(cell[2], 11);
        printf(" %5.0f%%\n", 100 * g->female);
    }
    return 0;
}

static void describe_columns(const Customers *c)
{
    const DataMall *m = &c->mall;
    int women = 0;
    for (int i = 0; i < m->n; i++)
        women += m->gender[i];
    printf("\n");
    lab_para("Features: Age (years), Annual Income (k$) and Spending Score (1–100). CustomerID is "
         "a row label, not a feature; Gender (%.0f%% women) is kept aside and compared with "
         "the clusters afterwards (part" LAB_NB "6 shows what happens if it is a feature).",
         100.0 * women / m->n);
    printf("\n");
}

/* ---- 2. standardize and PCA --------------------------------------------------------------- */

typedef struct {
    int d;
    const int *feat;
    Matrix *X, *Z;                 /* n×d raw and standardized */
    double mean[MAX_D], sd[MAX_D];
    Matrix *comp;                  /* d×d, rows = principal directions */
    double ratio[MAX_D];
    Matrix *T;                     /* n×2 scores on PC1, PC2 */
    double *pc3;                   /* d ≥ 3: n scores on PC3, the first one dropped */
    int z_lab, pca_lab, t_lab;     /* the lab's own result was used instead of hers */
} Pca;

typedef struct {
    const Matrix *X;
    int k;
    const double *mean;
    const Matrix *comp;
} PcaIn;

static int job_standardize(const void *vin, double *out, size_t nout)
{
    const PcaIn *in = vin;
    int n = in->X->rows, d = in->X->cols;
    (void)nout;
    Matrix *X = la_mat_copy(in->X), *Z = mat_new(n, d);
    double *mean = malloc(sizeof(double) * (size_t)d), *sd = malloc(sizeof(double) * (size_t)d);
    la_fill(Z->data, n * d, NAN);
    la_fill(mean, d, NAN);
    la_fill(sd, d, NAN);
    standardize(X, Z, mean, sd);
    memcpy(out, Z->data, sizeof(double) * (size_t)(n * d));
    memcpy(out + n * d, mean, sizeof(double) * (size_t)d);
    memcpy(out + n * d + d, sd, sizeof(double) * (size_t)d);
    mat_free(X);
    mat_free(Z);
    free(mean);
    free(sd);
    return 0;
}

static int job_pca_fit(const void *vin, double *out, size_t nout)
{
    const PcaIn *in = vin;
    int d = in->X->cols, k = in->k;
    (void)nout;
    Matrix *X = la_mat_copy(in->X), *comp = mat_new(k, d); /* zero-filled, as promised */
    double *mean = malloc(sizeof(double) * (size_t)d), *ratio = malloc(sizeof(double) * (size_t)k);
    la_fill(mean, d, NAN);
    la_fill(ratio, k, NAN);
    int rc = pca_fit(X, k, mean, comp, ratio);
    memcpy(out, mean, sizeof(double) * (size_t)d);
    memcpy(out + d, comp->data, sizeof(double) * (size_t)(k * d));
    memcpy(out + d + k * d, ratio, sizeof(double) * (size_t)k);
    mat_free(X);
    mat_free(comp);
    free(mean);
    free(ratio);
    return rc;
}

static int job_pca_transform(const void *vin, double *out, size_t nout)
{
    const PcaIn *in = vin;
    int n = in->X->rows, d = in->X->cols, k = in->comp->rows;
    (void)nout;
    Matrix *X = la_mat_copy(in->X), *comp = la_mat_copy(in->comp), *T = mat_new(n, k);
    double *mean = malloc(sizeof(double) * (size_t)d);
    memcpy(mean, in->mean, sizeof(double) * (size_t)d);
    la_fill(T->data, n * k, NAN);
    pca_transform(X, mean, comp, T);
    memcpy(out, T->data, sizeof(double) * (size_t)(n * k));
    mat_free(X);
    mat_free(comp);
    mat_free(T);
    free(mean);
    return 0;
}

static double max_abs_diff(const double *a, const double *b, int n)
{
    double m = 0;
    for (int i = 0; i < n; i++)
        m = fmax(m, fabs(a[i] - b[i]));
    return m;
}

/* The lab's own standardization: two-pass mean and sample standard deviation (n − 1); a
   constant column keeps sd = 1. */
static void lab_standardize(const Matrix *X, Matrix *Z, double *mean, double *sd)
{
    int n = X->rows, d = X->cols;
    for (int j = 0; j < d; j++) {
        double s = 0, ss = 0;
        for (int i = 0; i < n; i++)
            s += MAT(X, i, j);
        mean[j] = s / n;
        for (int i = 0; i < n; i++)
            ss += (MAT(X, i, j) - mean[j]) * (MAT(X, i, j) - mean[j]);
        sd[j] = ss > 0 ? sqrt(ss / (n - 1)) : 1.0;
        for (int i = 0; i < n; i++)
            MAT(Z, i, j) = (MAT(X, i, j) - mean[j]) / sd[j];
    }
}

/* The lab's own PCA of the rows of Z (n×d): the SVD of the centred data, Zc = U·S·Vᵀ; the
   rows of comp are the columns of V, and ratio[j] = sⱼ²/Σs². */
static void lab_pca(const Matrix *Z, Matrix *comp, double *ratio)
{
    int n = Z->rows, d = Z->cols;
    Matrix *Zc = la_mat_copy(Z), *V = mat_new(d, d);
    double s[MAX_D], mean[MAX_D], total = 0;
    for (int j = 0; j < d; j++) {
        mean[j] = 0;
        for (int i = 0; i < n; i++)
            mean[j] += MAT(Z, i, j) / n;
        for (int i = 0; i < n; i++)
            MAT(Zc, i, j) -= mean[j];
    }
    la_svd(Zc, s, NULL, V);
    for (int j = 0; j < d; j++)
        total += s[j] * s[j];
    for (int c = 0; c < d; c++) {
        for (int j = 0; j < d; j++)
            MAT(comp, c, j) = MAT(V, j, c);
        ratio[c] = s[c] * s[c] / total;
    }
    mat_free(Zc);
    mat_free(V);
}

/* Each component's sign: the largest |loading| positive (an eigenvector's sign is free). */
static void fix_signs(Matrix *comp)
{
    for (int c = 0; c < comp->rows; c++) {
        int big = 0;
        for (int j = 1; j < comp->cols; j++)
            if (fabs(MAT(comp, c, j)) > fabs(MAT(comp, c, big)))
                big = j;
        if (MAT(comp, c, big) < 0)
            for (int j = 0; j < comp->cols; j++)
                MAT(comp, c, j) = -MAT(comp, c, j);
    }
}

/* Her standardize, checked against the lab's; the lab's if hers gave nothing usable. */
static void pca_standardize(Pca *p, int quiet)
{
    int n = p->X->rows, d = p->d;
    double *out = malloc(sizeof(double) * (size_t)(n * d + 2 * d));
    PcaIn in = { p->X, 0, NULL, NULL };
    LabRun r = isolate(FN_STANDARDIZE, job_standardize, &in, out, n * d + 2 * d);
    double zl_mean[MAX_D], zl_sd[MAX_D];
    Matrix *Zl = mat_new(n, d);
    lab_standardize(p->X, Zl, zl_mean, zl_sd);
    char why[160];
    if (r.end != LAB_RETURNED || !lab_all_finite(out, n * d + 2 * d)) {
        if (!quiet) {
            if (r.end != LAB_RETURNED)
                note_trouble("Your standardize %s: the lab standardized the data itself.",
                             lab_run_trouble(&r, why, sizeof why));
            else
                note_trouble("Your standardize left NaN in Z, mean or std (still the stub?): "
                             "the lab standardized the data itself.");
        }
        p->z_lab = 1;
        p->Z = Zl;
        memcpy(p->mean, zl_mean, sizeof zl_mean);
        memcpy(p->sd, zl_sd, sizeof zl_sd);
        free(out);
        return;
    }
    p->Z = mat_new(n, d);
    memcpy(p->Z->data, out, sizeof(double) * (size_t)(n * d));
    memcpy(p->mean, out + n * d, sizeof(double) * (size_t)d);
    memcpy(p->sd, out + n * d + d, sizeof(double) * (size_t)d);
    double dz = max_abs_diff(p->Z->data, Zl->data, n * d);
    if (dz > 1e-9 && !quiet) {
        double r0 = p->sd[0] / zl_sd[0], pop = sqrt((n - 1.0) / n);
        note_trouble("Your standardize differs from the lab's by up to %.2g in Z%s; the lab "
                     "went on with yours.", dz,
                     fabs(r0 - pop) < 1e-9 ? " — its std divides by n, not n" LAB_NB "−" LAB_NB "1"
                                           : "");
    }
    mat_free(Zl);
    free(out);
}

/* Her pca_fit with k = d, checked against the lab's SVD: the components must be orthonormal
   and span the same directions, in order of decreasing variance. */
static void pca_components(Pca *p, int quiet)
{
    int d = p->d;
    Matrix *Cl = mat_new(d, d);
    double rl[MAX_D];
    lab_pca(p->Z, Cl, rl);
    double out[MAX_D + MAX_D * MAX_D + MAX_D];
    PcaIn in = { p->Z, d, NULL, NULL };
    LabRun r = isolate(FN_PCA_FIT, job_pca_fit, &in, out, d + d * d + d);
    const double *comp = out + d, *ratio = out + d + d * d;
    char why[200] = "";
    if (r.end != LAB_RETURNED) {
        char t[120];
        snprintf(why, sizeof why, "Your pca_fit %s", lab_run_trouble(&r, t, sizeof t));
    } else if (r.rc != 0) {
        snprintf(why, sizeof why, "Your pca_fit returned %d%s", r.rc,
                 r.rc == -1 ? " (still the stub?)" : "");
    } else if (!lab_all_finite(out, d + d * d + d)) {
        snprintf(why, sizeof why, "Your pca_fit returned 0 but left NaN in mean, components "
                 "or ratio");
    } else {
        /* orthonormal rows, each along the lab's component of the same rank */
        double worst_cos = 1, worst_dot = 0, worst_ratio = 0;
        int reversed = d > 1;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double dot = 0;
                for (int j = 0; j < d; j++)
                    dot += comp[a * d + j] * comp[b * d + j];
                worst_dot = fmax(worst_dot, fabs(dot - (a == b)));
            }
            double c = 0, crev = 0;
            for (int j = 0; j < d; j++) {
                c += comp[a * d + j] * MAT(Cl, a, j);
                crev += comp[a * d + j] * MAT(Cl, d - 1 - a, j);
            }
            worst_cos = fmin(worst_cos, fabs(c));
            reversed &= fabs(crev) > 1 - 1e-6;
            worst_ratio = fmax(worst_ratio, fabs(ratio[a] - rl[a]));
        }
        if (worst_dot > 1e-6)
            snprintf(why, sizeof why, "Your pca_fit's components are not orthonormal "
                     "(|CCᵀ − I| up to %.2g)", worst_dot);
        else if (reversed && worst_cos < 1 - 1e-6) {
            snprintf(why, sizeof why, "Your pca_fit's components come in order of increasing "
                     "variance (PC1 should have the most)");
        } else if (worst_cos < 1 - 1e-6)
            snprintf(why, sizeof why, "Your pca_fit's components are off the principal "
                     "directions (cosine with the lab's down to %.4f)", worst_cos);
        else if (worst_ratio > 1e-6)
            snprintf(why, sizeof why, "Your pca_fit's ratios differ from the lab's by up to "
                     "%.2g (over all d variances: λᵢ/trace" LAB_NB "C)", worst_ratio);
    }
    p->comp = mat_new(d, d);
    if (why[0]) {
        if (!quiet)
            note_trouble("%s: the lab used its own PCA (the SVD of the centred data).", why);
        p->pca_lab = 1;
        memcpy(p->comp->data, Cl->data, sizeof(double) * (size_t)(d * d));
        memcpy(p->ratio, rl, sizeof(double) * (size_t)d);
    } else {
        memcpy(p->comp->data, comp, sizeof(double) * (size_t)(d * d));
        memcpy(p->ratio, ratio, sizeof(double) * (size_t)d);
    }
    fix_signs(p->comp);
    mat_free(Cl);
}

/* T ← scores on PC1 and PC2 by her pca_transform (checked), PC3's by the lab. */
static void pca_scores(Pca *p, int quiet)
{
    int n = p->Z->rows, d = p->d;
    Matrix *C2 = mat_new(2, d);
    memcpy(C2->data, p->comp->data, sizeof(double) * (size_t)(2 * d));
    double zmean[MAX_D];
    for (int j = 0; j < d; j++) {
        zmean[j] = 0;
        for (int i = 0; i < n; i++)
            zmean[j] += MAT(p->Z, i, j) / n;
    }
    Matrix *Tl = mat_new(n, 2);
    for (int i = 0; i < n; i++)
        for (int c = 0; c < 2; c++) {
            double acc = 0;
            for (int j = 0; j < d; j++)
                acc += (MAT(p->Z, i, j) - zmean[j]) * MAT(C2, c, j);
            MAT(Tl, i, c) = acc;
        }
    p->T = mat_new(n, 2);
    PcaIn in = { p->Z, 2, zmean, C2 };
    LabRun r = isolate(FN_PCA_TRANSFORM, job_pca_transform, &in, p->T->data, 2 * n);
    char why[160] = "";
    if (r.end != LAB_RETURNED)
        lab_run_trouble(&r, why, sizeof why);
    else if (!lab_all_finite(p->T->data, 2 * n))
        snprintf(why, sizeof why, "left NaN in T (still the stub?)");
    else if (max_abs_diff(p->T->data, Tl->data, 2 * n) > 1e-9)
        snprintf(why, sizeof why, "gave scores that differ from (Z − mean)·componentsᵀ by up "
                 "to %.2g", max_abs_diff(p->T->data, Tl->data, 2 * n));
    if (why[0]) {
        if (!quiet)
            note_trouble("Your pca_transform %s: the lab computed the scores itself.", why);
        p->t_lab = 1;
        memcpy(p->T->data, Tl->data, sizeof(double) * (size_t)(2 * n));
    }
    if (d >= 3) {
        p->pc3 = malloc(sizeof(double) * (size_t)n);
        for (int i = 0; i < n; i++) {
            double acc = 0;
            for (int j = 0; j < d; j++)
                acc += (MAT(p->Z, i, j) - zmean[j]) * MAT(p->comp, 2, j);
            p->pc3[i] = acc;
        }
    }
    mat_free(C2);
    mat_free(Tl);
}

static void pca_free(Pca *p)
{
    mat_free(p->X);
    mat_free(p->Z);
    mat_free(p->comp);
    mat_free(p->T);
    free(p->pc3);
    memset(p, 0, sizeof *p);
}

/* "large for customers who are older and spend less, small for those who are younger and
   spend more": the features with a loading of at least half the largest (and ≥ 0.3). */
static void pc_in_words(const Pca *p, int c, char *buf, size_t size)
{
    int d = p->d, order[MAX_D];
    for (int j = 0; j < d; j++)
        order[j] = j;
    for (int a = 1; a < d; a++) /* by decreasing |loading| */
        for (int b = a; b > 0 && fabs(MAT(p->comp, c, order[b])) >
                                     fabs(MAT(p->comp, c, order[b - 1])); b--) {
            int t = order[b];
            order[b] = order[b - 1];
            order[b - 1] = t;
        }
    double top = fabs(MAT(p->comp, c, order[0]));
    int m = 0;
    while (m < d && fabs(MAT(p->comp, c, order[m])) >= fmax(0.3, 0.5 * top))
        m++;
    size_t len = (size_t)snprintf(buf, size, "PC%d ≈", c + 1);
    for (int t = 0; t < m && len < size; t++) {
        double w = MAT(p->comp, c, order[t]);
        len += (size_t)snprintf(buf + len, size - len, t == 0 ? " %s%.2f·%s" : " %s" LAB_NB "%.2f·%s",
                                w < 0 ? "−" : t == 0 ? "" : "+", fabs(w),
                                FEATURE[p->feat[order[t]]].name);
    }
    for (int side = 0; side < 2 && len < size; side++) {
        len += (size_t)snprintf(buf + len, size - len, side ? ", small for those who" :
                                                              ": large for customers who");
        for (int t = 0; t < m && len < size; t++) {
            double w = MAT(p->comp, c, order[t]);
            const char *say = (w > 0) != side ? FEATURE[p->feat[order[t]]].more
                                              : FEATURE[p->feat[order[t]]].less;
            len += (size_t)snprintf(buf + len, size - len, "%s %s",
                                    t == 0 ? "" : t == m - 1 ? " and" : ",", say);
        }
    }
    if (len < size)
        snprintf(buf + len, size - len, ".");
}

static void print_loadings(const Pca *p, const char *indent)
{
    int d = p->d;
    printf("%s%-6s", indent, "");
    for (int j = 0; j < d; j++)
        lab_put_right(FEATURE[p->feat[j]].name, 8);
    lab_put_right("variance", 11);
    lab_put_right("cumulative", 12);
    printf("\n");
    double cum = 0;
    for (int c = 0; c < d; c++) {
        char name[16], cell[32];
        snprintf(name, sizeof name, "PC%d", c + 1);
        printf("%s%-6s", indent, name);
        for (int j = 0; j < d; j++) {
            snprintf(cell, sizeof cell, "%+.3f", MAT(p->comp, c, j));
            lab_put_right(cell, 8);
        }
        cum += p->ratio[c];
        snprintf(cell, sizeof cell, "%.1f%%", 100 * p->ratio[c]);
        lab_put_right(cell, 11);
        snprintf(cell, sizeof cell, "%.1f%%", 100 * cum);
        lab_put_right(cell, 12);
        printf("\n");
    }
}

static void part2(Pca *p)
{
    printf("2. Standardize, then PCA (your standardize, pca_fit and pca_transform)\n");
    printf("   %-8s", "");
    for (int j = 0; j < p->d; j++)
        lab_put_right(FEATURE[p->feat[j]].name, 9);
    printf("\n   %-8s", "mean");
    for (int j = 0; j < p->d; j++)
        printf("%9.2f", p->mean[j]);
    printf("%s\n   %-8s", p->z_lab ? "   (the lab's)" : "", "std");
    for (int j = 0; j < p->d; j++)
        printf("%9.2f", p->sd[j]);
    printf("\n\n   Loadings (rows: unit principal directions in z units; the sign of each is\n"
           "   chosen so that its largest loading is positive)%s:\n",
           p->pca_lab ? " — the lab's PCA" : "");
    print_loadings(p, "   ");
    printf("\n");
    for (int c = 0; c < p->d; c++) {
        char words[400];
        pc_in_words(p, c, words, sizeof words);
        lab_wrap_text("  ", 3, words);
    }
    printf("\n");
    lab_para("The picture keeps PC1 and PC2, %.1f%% of the variance; PC3's %.1f%% is dropped.",
         100 * (p->ratio[0] + p->ratio[1]), 100 * p->ratio[2]);
    printf("\n");
}

/* ---- 3. k-means --------------------------------------------------------------------------- */

typedef struct {
    const Matrix *X;
    int k, max_iter;
    unsigned seed;
} KmIn;

/* out ← [returned inertia, labels (as doubles), centroids (k×d)] */
static int job_kmeans(const void *vin, double *out, size_t nout)
{
    const KmIn *in = vin;
    int n = in->X->rows, d = in->X->cols, k = in->k;
    (void)nout;
    Matrix *X = la_mat_copy(in->X), *C = mat_new(k, d); /* zero-filled, as promised */
    int *labels = malloc(sizeof(int) * (size_t)n);
    for (int i = 0; i < n; i++)
        labels[i] = -1;
    out[0] = kmeans(X, k, in->max_iter, in->seed, labels, C);
    for (int i = 0; i < n; i++)
        out[1 + i] = labels[i];
    memcpy(out + 1 + n, C->data, sizeof(double) * (size_t)(k * d));
    mat_free(X);
    mat_free(C);
    free(labels);
    return 0;
}

/* The inertia of a labelling with each centroid at the mean of its cluster; NAN if a label
   is out of range. */
static double partition_inertia(const Matrix *X, const int *labels, int k)
{
    int n = X->rows, d = X->cols;
    double *sum = calloc((size_t)(k * d), sizeof(double));
    int *count = calloc((size_t)k, sizeof(int));
    double J = 0;
    for (int i = 0; i < n && !isnan(J); i++) {
        if (labels[i] < 0 || labels[i] >= k) {
            J = NAN;
            break;
        }
        count[labels[i]]++;
        for (int j = 0; j < d; j++)
            sum[labels[i] * d + j] += MAT(X, i, j);
    }
    for (int i = 0; i < n && !isnan(J); i++)
        for (int j = 0; j < d; j++) {
            double t = MAT(X, i, j) - sum[labels[i] * d + j] / count[labels[i]];
            J += t * t;
        }
    free(sum);
    free(count);
    return J;
}

typedef struct {
    LabRun run;
    int ok;
    double J;            /* her returned inertia */
    double J_check;      /* recomputed from her labels and centroids */
    int labels[MAX_N];
    int n, k, d;
    double C[ELBOW_KMAX * MAX_D];
    char why[200];       /* !ok: what went wrong */
} Clustering;

/* Her kmeans on X, checked: labels in 0…k−1, a finite inertia ≥ 0. */
static void cluster(const Matrix *X, int k, unsigned seed, Clustering *cl)
{
    int n = X->rows, d = X->cols;
    memset(cl, 0, sizeof *cl);
    cl->n = n;
    cl->k = k;
    cl->d = d;
    if (n > (int)(sizeof cl->labels / sizeof cl->labels[0])) {
        snprintf(cl->why, sizeof cl->why, "too many customers for the lab (%d)", n);
        return;
    }
    double *out = malloc(sizeof(double) * (size_t)(1 + n + k * d));
    KmIn in = { X, k, MAX_ITER, seed };
    cl->run = isolate(FN_KMEANS, job_kmeans, &in, out, 1 + n + k * d);
    cl->J = out[0];
    int bad = 0;
    for (int i = 0; i < n; i++) {
        double v = out[1 + i];
        cl->labels[i] = v >= 0 && v < k && v == floor(v) ? (int)v : -1;
        bad += cl->labels[i] < 0;
    }
    memcpy(cl->C, out + 1 + n, sizeof(double) * (size_t)(k * d));
    free(out);
    char t[120];
    if (cl->run.end != LAB_RETURNED)
        snprintf(cl->why, sizeof cl->why, "%s", lab_run_trouble(&cl->run, t, sizeof t));
    else if (!(cl->J >= 0) || !isfinite(cl->J))
        snprintf(cl->why, sizeof cl->why, "returned %g%s", cl->J,
                 cl->J == -1 ? " (still the stub?)" : "");
    else if (bad)
        snprintf(cl->why, sizeof cl->why, "left %d label%s outside 0…%d", bad,
                 bad == 1 ? "" : "s", k - 1);
    else {
        cl->ok = 1;
        cl->J_check = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) {
                double e = MAT(X, i, j) - cl->C[cl->labels[i] * d + j];
                cl->J_check += e * e;
            }
    }
}

/* Renames the clusters: new number = rank of the cluster in `order` (perm[old] = new). */
static void relabel(Clustering *cl, const int *perm)
{
    double C[ELBOW_KMAX * MAX_D];
    for (int i = 0; i < cl->n; i++)
        cl->labels[i] = perm[cl->labels[i]];
    for (int c = 0; c < cl->k; c++)
        memcpy(C + perm[c] * cl->d, cl->C + c * cl->d, sizeof(double) * (size_t)cl->d);
    memcpy(cl->C, C, sizeof(double) * (size_t)(cl->k * cl->d));
}

/* Numbers the clusters by increasing mean income, then mean score, so the tables read in a
   fixed order whatever her numbering. */
static void order_by_income(Clustering *cl, const DataMall *m)
{
    double key[ELBOW_KMAX];
    int count[ELBOW_KMAX] = { 0 }, idx[ELBOW_KMAX], perm[ELBOW_KMAX];
    for (int c = 0; c < cl->k; c++)
        key[c] = 0;
    for (int i = 0; i < cl->n; i++) {
        key[cl->labels[i]] += m->income[i] + m->score[i] * 1e-3;
        count[cl->labels[i]]++;
    }
    for (int c = 0; c < cl->k; c++) {
        key[c] = count[c] ? key[c] / count[c] : INFINITY;
        idx[c] = c;
    }
    for (int a = 1; a < cl->k; a++)
        for (int b = a; b > 0 && key[idx[b]] < key[idx[b - 1]]; b--) {
            int t = idx[b];
            idx[b] = idx[b - 1];
            idx[b - 1] = t;
        }
    for (int r = 0; r < cl->k; r++)
        perm[idx[r]] = r;
    relabel(cl, perm);
}

/* ---- comparing partitions ----------------------------------------------------------------- */

/* table[a·kb + b] ← how many samples have label a in x and b in y */
static void contingency(const int *x, const int *y, int n, int ka, int kb, int *table)
{
    memset(table, 0, sizeof(int) * (size_t)(ka * kb));
    for (int i = 0; i < n; i++)
        table[x[i] * kb + y[i]]++;
}

static double pairs(double m) { return m * (m - 1) / 2; }

/* The adjusted Rand index of two labellings: 1 for the same partition (whatever the names),
   about 0 for labellings as unrelated as chance, computed from the contingency table:
   (Σ C(nab, 2) − E)/(½(Σ C(a, 2) + Σ C(b, 2)) − E), E = Σ C(a, 2)·Σ C(b, 2)/C(n, 2). */
static double adjusted_rand(const int *x, const int *y, int n, int ka, int kb)
{
    int table[ELBOW_KMAX * ELBOW_KMAX];
    contingency(x, y, n, ka, kb, table);
    double sum_ab = 0, sum_a = 0, sum_b = 0;
    for (int a = 0; a < ka; a++) {
        int row = 0;
        for (int b = 0; b < kb; b++) {
            sum_ab += pairs(table[a * kb + b]);
            row += table[a * kb + b];
        }
        sum_a += pairs(row);
    }
    for (int b = 0; b < kb; b++) {
        int col = 0;
        for (int a = 0; a < ka; a++)
            col += table[a * kb + b];
        sum_b += pairs(col);
    }
    double expected = sum_a * sum_b / pairs(n), top = 0.5 * (sum_a + sum_b);
    return top == expected ? 1.0 : (sum_ab - expected) / (top - expected);
}

/* The best renaming of y's k labels onto x's: perm[b] = a maximizing Σ table[a, perm⁻¹…];
   every permutation is tried (k ≤ 8: at most 40 320). Returns how many samples agree. */
static int best_match_rec(const int *table, int k, int b, unsigned used, int *cur, int *best,
                          int sum, int best_sum)
{
    if (b == k) {
        if (sum > best_sum) {
            memcpy(best, cur, sizeof(int) * (size_t)k);
            best_sum = sum;
        }
        return best_sum;
    }
    for (int a = 0; a < k; a++) {
        if (used >> a & 1u)
            continue;
        cur[b] = a;
        best_sum = best_match_rec(table, k, b + 1, used | 1u << a, cur, best,
                                  sum + table[a * k + b], best_sum);
    }
    return best_sum;
}

static int best_match(const int *x, const int *y, int n, int k, int *perm)
{
    int table[ELBOW_KMAX * ELBOW_KMAX], cur[ELBOW_KMAX];
    contingency(x, y, n, k, k, table);
    for (int b = 0; b < k; b++)
        perm[b] = b;
    return best_match_rec(table, k, 0, 0u, cur, perm, 0, -1);
}

/* ---- 3. the clusters, printed and drawn --------------------------------------------------- */

static void print_profile(const Clustering *cl, const DataMall *m, const char *title)
{
    printf("   %s\n", title);
    static const int w[] = { 10, 6, 8, 11, 8, 8 };
    static const char *head[] = { "cluster", "n", "Age", "Income k$", "Score", "women" };
    printf("   ");
    for (int j = 0; j < 6; j++)
        lab_put_right(head[j], w[j]);
    printf("\n");
    for (int c = 0; c < cl->k; c++) {
        double age = 0, inc = 0, sc = 0;
        int cnt = 0, women = 0;
        for (int i = 0; i < cl->n; i++)
            if (cl->labels[i] == c) {
                cnt++;
                age += m->age[i];
                inc += m->income[i];
                sc += m->score[i];
                women += m->gender[i];
            }
        char cell[6][24];
        snprintf(cell[0], sizeof cell[0], "%d", c + 1);
        snprintf(cell[1], sizeof cell[1], "%d", cnt);
        if (cnt) {
            snprintf(cell[2], sizeof cell[2], "%.1f", age / cnt);
            snprintf(cell[3], sizeof cell[3], "%.1f", inc / cnt);
            snprintf(cell[4], sizeof cell[4], "%.1f", sc / cnt);
            snprintf(cell[5], sizeof cell[5], "%.0f%%", 100.0 * women / cnt);
        } else {
            for (int j = 2; j < 6; j++)
                snprintf(cell[j], sizeof cell[j], "—");
        }
        printf("   ");
        for (int j = 0; j < 6; j++)
            lab_put_right(cell[j], w[j]);
        printf("\n");
    }
}

static const int CLUSTER_COLOUR[ELBOW_KMAX] = { PLOT_RED, PLOT_GREEN, PLOT_YELLOW, PLOT_BLUE,
                                                PLOT_MAGENTA, PLOT_CYAN, PLOT_WHITE,
                                                PLOT_DEFAULT };

/* The customers in PC space, one series per cluster of `colour_by`; customers that `other`
   (may be NULL) puts in another cluster are drawn as ×. Without colour, the clusters are told
   apart by their digit. */
static void draw(const Pca *p, const int *colour_by, int k, const int *other,
                 const char *title, const char *legend_word, char first_name)
{
    int n = p->T->rows;
    PlotStyle style = plot_style_auto();
    double *x = malloc(sizeof(double) * (size_t)(2 * n)), *y = malloc(sizeof(double) * (size_t)(2 * n));
    PlotSeries s[2 * ELBOW_KMAX];
    char names[ELBOW_KMAX][24];
    int used = 0, ns = 0;
    for (int moved = 0; moved < 2; moved++)
        for (int c = 0; c < k; c++) {
            PlotSeries *t = &s[ns++];
            int start = used;
            for (int i = 0; i < n; i++) {
                int is_moved = other && other[i] != colour_by[i];
                if (colour_by[i] != c || is_moved != moved)
                    continue;
                x[used] = MAT(p->T, i, 0);
                y[used] = MAT(p->T, i, 1);
                used++;
            }
            if (k == 1)
                snprintf(names[c], sizeof names[c], "%s", legend_word);
            else
                snprintf(names[c], sizeof names[c], "%s %c", legend_word, first_name + c);
            *t = (PlotSeries){ moved ? NULL : names[c], x + start, y + start, used - start,
                               CLUSTER_COLOUR[c],
                               moved ? (style.color ? 0x00D7 : 'x')
                                     : (style.color ? 0x2022 : (uint32_t)(first_name + c)) };
        }
    PlotAxes ax = plot_axes(title, "PC1", "PC2");
    PlotGrid *g = plot_scatter(s, ns, &ax, PLOT_W, PLOT_H);
    if (g) {
        char *text = plot_render(g, style);
        fputs(text, stdout);
        free(text);
        plot_grid_free(g);
    }
    free(x);
    free(y);
}

/* ---- the lab ------------------------------------------------------------------------------ */

static struct {
    Clustering full, pc;        /* k-means in z space (3-D) and in PC space (2-D) */
    int have;                   /* both worked */
    double J_pc_in_full;        /* the PC clusters' inertia measured in z space */
    int agree;                  /* customers in the same cluster (after renaming) */
    double ari;
    int movers;
    double pc3_movers, pc3_others; /* mean |PC3| */
    int truth_agree[2];         /* generated: best-match agreement with the segments */
    double truth_ari[2];
    double truth_J[2];          /* … and the segments' own inertia, in z and PC space */
    int is_ok;                  /* generated: her kmeans on Income and Score alone */
    double is_ari;
    double elbow[2][ELBOW_KMAX + 1];
    int elbow_ok;
    int gender_pure, gender_ok; /* part 6: clusters ≥ 90% one gender */
} lab;

static void part3(const Customers *c, Pca *p)
{
    unsigned seed = (unsigned)la_seed();
    printf("3. k-means, k = %d (your kmeans, seed %u, at most %d rounds)\n", K, seed, MAX_ITER);
    cluster(p->Z, K, seed, &lab.full);
    if (lab.full.ok)
        cluster(p->T, K, seed, &lab.pc);
    if (!lab.full.ok || !lab.pc.ok) {
        char why[240];
        snprintf(why, sizeof why, "Your kmeans %s", lab.full.ok ? lab.pc.why : lab.full.why);
        lab_para("%s: no clusters to show. Get it passing its grader (la4ai check kmeans) and run "
             "the lab again.", why);
        note_trouble("%s, so there were no clusters.", why);
        printf("\n");
        int *none = calloc((size_t)c->mall.n, sizeof(int));
        if (c->generated) {
            printf("   Your customers in PC space, coloured by the true segments instead:\n");
            draw(p, c->truth, DATA_MALL_K, NULL, "true segments", "segment", 'A');
        } else {
            printf("   Your customers in PC space:\n");
            draw(p, none, 1, NULL, "the customers", "customers", '1');
        }
        free(none);
        printf("\n");
        return;
    }
    lab.have = 1;
    order_by_income(&lab.full, &c->mall);
    int perm[ELBOW_KMAX];
    lab.agree = best_match(lab.full.labels, lab.pc.labels, c->mall.n, K, perm);
    relabel(&lab.pc, perm);
    lab.ari = adjusted_rand(lab.full.labels, lab.pc.labels, c->mall.n, K, K);
    lab.J_pc_in_full = partition_inertia(p->Z, lab.pc.labels, K);

    lab_para("In the standardized space (Age, Income, Score in z units): inertia J = %.2f. In PC "
         "space (PC1, PC2): J = %.2f — smaller, since PC3's variance is not there to count. "
         "Measured in the standardized space, the PC-space clusters have J = %.2f.",
         lab.full.J, lab.pc.J, lab.J_pc_in_full);
    for (int s = 0; s < 2; s++) {
        const Clustering *cl = s ? &lab.pc : &lab.full;
        if (fabs(cl->J - cl->J_check) > 1e-9 * fmax(1, cl->J_check)) {
            note_trouble("Your kmeans returned J = %.6g in %s, but its labels and centroids "
                         "give %.6g: compute the inertia at the very end, from what you "
                         "return.", cl->J, s ? "PC space" : "the standardized space",
                         cl->J_check);
            break; /* once is enough */
        }
    }
    printf("\n");
    print_profile(&lab.full, &c->mall,
                  "In the standardized space (clusters by increasing mean income):");
    printf("\n");
    print_profile(&lab.pc, &c->mall,
                  "In PC space (each numbered as the cluster above it shares most with):");
    int colour = plot_style_auto().color;
    printf("\n   Your customers in PC space, %s by the PC-space clusters; %s marks a\n"
           "   customer that k-means in the standardized space puts in another cluster.\n",
           colour ? "coloured" : "numbered", colour ? "×" : "x");
    draw(p, lab.pc.labels, K, lab.full.labels, "PC-space clusters", "cluster", '1');
    printf("\n");
}

static void part4(const Customers *c, const Pca *p)
{
    int n = c->mall.n;
    printf("4. The two clusterings compared (cluster numbers are arbitrary: compared up to\n"
           "   renaming)\n");
    int table[K * K];
    contingency(lab.full.labels, lab.pc.labels, n, K, K, table);
    printf("   customers in cluster (row: standardized space, column: PC space)\n   %8s", "");
    for (int b = 0; b < K; b++)
        printf("%6d", b + 1);
    printf("\n");
    for (int a = 0; a < K; a++) {
        printf("   %8d", a + 1);
        for (int b = 0; b < K; b++)
            printf("%6d", table[a * K + b]);
        printf("\n");
    }
    printf("\n");
    lab_para("Best match: %d of %d customers (%.1f%%) in the same cluster; adjusted Rand index "
         "%.3f (1: the same partition, about 0: no more alike than chance).",
         lab.agree, n, 100.0 * lab.agree / n, lab.ari);

    double s_m = 0, s_o = 0;
    int shown = 0;
    for (int i = 0; i < n; i++) {
        int moved = lab.full.labels[i] != lab.pc.labels[i];
        lab.movers += moved;
        if (p->pc3) {
            if (moved)
                s_m += fabs(p->pc3[i]);
            else
                s_o += fabs(p->pc3[i]);
        }
    }
    lab.pc3_movers = lab.movers ? s_m / lab.movers : NAN;
    lab.pc3_others = n > lab.movers ? s_o / (n - lab.movers) : NAN;
    if (lab.movers) {
        char some[48] = "";
        if (lab.movers > MAX_MOVERS)
            snprintf(some, sizeof some, " (the first %d of %d)", MAX_MOVERS, lab.movers);
        printf("\n   The customers who change cluster when PC3 is dropped%s:\n", some);
        static const int w[] = { 6, 6, 10, 7, 10, 10, 11 };
        static const char *head[] = { "ID", "Age", "Income k$", "Score", "z space",
                                      "PC space", "PC3 score" };
        printf("   ");
        for (int j = 0; j < 7; j++)
            lab_put_right(head[j], w[j]);
        printf("\n");
        for (int i = 0; i < n && shown < MAX_MOVERS; i++) {
            if (lab.full.labels[i] == lab.pc.labels[i])
                continue;
            char cell[7][24];
            snprintf(cell[0], sizeof cell[0], "%d", c->mall.id[i]);
            snprintf(cell[1], sizeof cell[1], "%.0f", c->mall.age[i]);
            snprintf(cell[2], sizeof cell[2], "%.0f", c->mall.income[i]);
            snprintf(cell[3], sizeof cell[3], "%.0f", c->mall.score[i]);
            snprintf(cell[4], sizeof cell[4], "%d", lab.full.labels[i] + 1);
            snprintf(cell[5], sizeof cell[5], "%d", lab.pc.labels[i] + 1);
            snprintf(cell[6], sizeof cell[6], "%+.2f", p->pc3[i]);
            printf("   ");
            for (int j = 0; j < 7; j++)
                lab_put_right(cell[j], w[j]);
            printf("\n");
            shown++;
        }
        lab_para("Their mean |PC3 score| is %.2f, against %.2f for the customers who stay: what "
             "separates them lies along the direction the picture drops.",
             lab.pc3_movers, lab.pc3_others);
    }
    if (c->generated) {
        printf("\n");
        const Clustering *cl[2] = { &lab.full, &lab.pc };
        static const char *where[2] = { "standardized space", "PC space" };
        for (int s = 0; s < 2; s++) {
            int perm[ELBOW_KMAX];
            lab.truth_agree[s] = best_match(c->truth, cl[s]->labels, n, K, perm);
            lab.truth_ari[s] = adjusted_rand(c->truth, cl[s]->labels, n, K, K);
        }
        lab.truth_J[0] = partition_inertia(p->Z, c->truth, K);
        lab.truth_J[1] = partition_inertia(p->T, c->truth, K);
        lab_para("Against the true segments A–E: k-means in the %s puts %d of %d customers in "
             "the segment its cluster matches best (ARI %.3f); in the %s, %d (ARI %.3f). "
             "The true segments, as clusters, have J = %.2f in the standardized space and "
             "%.2f in PC space.",
             where[0], lab.truth_agree[0], n, lab.truth_ari[0], where[1], lab.truth_agree[1],
             lab.truth_ari[1], lab.truth_J[0], lab.truth_J[1]);
        /* the segments are boxes of income and score: cluster those two columns alone */
        Matrix *IS = mat_new(n, 2);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < 2; j++)
                MAT(IS, i, j) = MAT(p->Z, i, j + 1);
        Clustering two;
        cluster(IS, K, (unsigned)la_seed(), &two);
        if (two.ok) {
            int perm[ELBOW_KMAX];
            int agree = best_match(c->truth, two.labels, n, K, perm);
            lab.is_ok = 1;
            lab.is_ari = adjusted_rand(c->truth, two.labels, n, K, K);
            lab_para("Your kmeans on the standardized Income and Score alone: %d of %d (ARI "
                 "%.3f).", agree, n, lab.is_ari);
        }
        mat_free(IS);
    }
    printf("\n");
}

/* out[0…KMAX−1] ← for k = 1…KMAX the lowest inertia over the seeds, of her labels with the
   centroids at the cluster means (NaN where every seed failed) */
typedef struct {
    const Matrix *X;
    unsigned seed;
} ElbowIn;

static int job_elbow(const void *vin, double *out, size_t nout)
{
    const ElbowIn *in = vin;
    int n = in->X->rows, d = in->X->cols;
    (void)nout;
    Matrix *X = la_mat_copy(in->X);
    int *labels = malloc(sizeof(int) * (size_t)n);
    for (int k = 1; k <= ELBOW_KMAX; k++) {
        out[k - 1] = NAN;
        for (int s = 0; s < ELBOW_SEEDS && k <= n; s++) {
            Matrix *C = mat_new(k, d);
            for (int i = 0; i < n; i++)
                labels[i] = -1;
            double J = kmeans(X, k, MAX_ITER, in->seed + (unsigned)s, labels, C);
            double Jp = J >= 0 ? partition_inertia(in->X, labels, k) : NAN;
            if (isfinite(Jp) && !(Jp >= out[k - 1]))
                out[k - 1] = Jp;
            mat_free(C);
        }
    }
    mat_free(X);
    free(labels);
    return 0;
}

static void part5(const Pca *p)
{
    unsigned seed = (unsigned)la_seed();
    printf("5. The elbow: inertia J for k = 1…%d (each the best of %d seeds, %u…%u; the\n"
           "   labels' inertia with every centroid at its cluster's mean)\n",
           ELBOW_KMAX, ELBOW_SEEDS, seed, seed + ELBOW_SEEDS - 1);
    ElbowIn in[2] = { { p->Z, seed }, { p->T, seed } };
    LabRun r[2];
    for (int s = 0; s < 2; s++)
        r[s] = isolate(FN_KMEANS, job_elbow, &in[s], lab.elbow[s] + 1, ELBOW_KMAX);
    if (r[0].end != LAB_RETURNED) {
        char t[120];
        lab_para("Your kmeans %s in the elbow runs.", lab_run_trouble(&r[0], t, sizeof t));
        printf("\n");
        return;
    }
    lab.elbow_ok = isfinite(lab.elbow[0][1]);
    static const int w[] = { 5, 12, 10, 10 };
    static const char *head[] = { "k", "J (z space)", "drop", "J (PC)" };
    printf("   ");
    for (int j = 0; j < 4; j++)
        lab_put_right(head[j], w[j]);
    printf("\n");
    PlotStyle style = plot_style_auto();
    for (int k = 1; k <= ELBOW_KMAX; k++) {
        double J = lab.elbow[0][k], J1 = lab.elbow[0][1];
        char cell[4][32];
        snprintf(cell[0], sizeof cell[0], "%d", k);
        snprintf(cell[1], sizeof cell[1], isfinite(J) ? "%.2f" : "—", J);
        if (k > 1 && isfinite(J) && isfinite(lab.elbow[0][k - 1]))
            snprintf(cell[2], sizeof cell[2], "%.1f%%", 100 * (lab.elbow[0][k - 1] - J) / J1);
        else
            snprintf(cell[2], sizeof cell[2], " ");
        snprintf(cell[3], sizeof cell[3], isfinite(lab.elbow[1][k]) ? "%.2f" : "—",
                 lab.elbow[1][k]);
        printf("   ");
        for (int j = 0; j < 4; j++)
            lab_put_right(cell[j], w[j]);
        char *bar = plot_bar(isfinite(J) && J1 > 0 ? J / J1 : 0, 24, style);
        printf("  %s\n", bar);
        free(bar);
    }
    lab_para("drop: how much of J(1) the k-th cluster removes; the bar is J/J(1). J always falls "
         "as k grows: look for where the drops become small.");
    printf("\n");
}

static void part6(const Customers *c)
{
    printf("6. Gender as a fourth feature (coded 0/1, then standardized like the others)\n");
    Pca g = { .d = 4, .feat = FEAT4 };
    g.X = feature_matrix(&c->mall, FEAT4, 4);
    pca_standardize(&g, 1);
    pca_components(&g, 1);
    print_loadings(&g, "   ");
    Clustering cl;
    cluster(g.Z, K, (unsigned)la_seed(), &cl);
    if (cl.ok) {
        order_by_income(&cl, &c->mall);
        lab.gender_ok = 1;
        char list[256] = "";
        size_t len = 0;
        for (int k = 0; k < K; k++) {
            int cnt = 0, women = 0;
            for (int i = 0; i < cl.n; i++)
                if (cl.labels[i] == k) {
                    cnt++;
                    women += c->mall.gender[i];
                }
            double share = cnt ? (double)women / cnt : NAN;
            lab.gender_pure += cnt && (share >= PURE || share <= 1 - PURE);
            len += (size_t)snprintf(list + len, sizeof list - len, "%s%.0f%%",
                                    len ? ", " : "", 100 * share);
        }
        printf("\n");
        lab_para("Your kmeans (k = %d) on all four standardized columns: women make up %s of its "
             "clusters; %d of the %d clusters are at least %.0f%% one gender.", K, list,
             lab.gender_pure, K, 100 * PURE);
    }
    printf("\n");
    pca_free(&g);
}

/* ---- what you should see ------------------------------------------------------------------ */

static void conclusions(const Customers *c, const Pca *p)
{
    printf("What you should see\n");
    char w1[400], w2[400], w3[400];
    pc_in_words(p, 0, w1, sizeof w1);
    pc_in_words(p, 1, w2, sizeof w2);
    pc_in_words(p, 2, w3, sizeof w3);
    lab_bullet("Read the loadings as recipes. %s %s Together they keep %.0f%% of the variance; "
           "the picture drops %s",
           w1, w2, 100 * (p->ratio[0] + p->ratio[1]), w3);
    if (lab.have) {
        if (lab.movers == 0)
            lab_bullet("Both clusterings put every customer in the same group: whatever PC3 holds "
                   "did not matter to k-means here.");
        else
            lab_bullet("The clusterings agree on %d of %d customers (ARI %.2f). The %d who change "
                   "cluster have a mean |PC3| of %.2f against %.2f for the rest%s: clustering "
                   "in PC space cannot see what sets them apart.",
                   lab.agree, c->mall.n, lab.ari, lab.movers, lab.pc3_movers, lab.pc3_others,
                   lab.pc3_movers > lab.pc3_others ? ", so they differ mainly along PC3"
                                                   : "");
        if (lab.J_pc_in_full < lab.full.J - 1e-9)
            lab_bullet("Measured in the standardized space, the PC-space clusters have a lower "
                   "inertia (%.2f) than k-means run there (%.2f): your k-means in the full "
                   "space stopped in a local minimum. Another seed (la4ai lab segmentation "
                   "--seed N) may find the better one.", lab.J_pc_in_full, lab.full.J);
        else
            lab_bullet("Measured in the standardized space, k-means run there has the lower "
                   "inertia (%.2f against %.2f for the PC-space clusters): it fits the full "
                   "data, the PC-space clusters fit the picture.", lab.full.J,
                   lab.J_pc_in_full);
        if (c->generated) {
            int best = lab.truth_ari[1] > lab.truth_ari[0];
            char alone[160] = "";
            if (lab.is_ok)
                snprintf(alone, sizeof alone, " On Income and Score alone your kmeans %s "
                         "(ARI %.2f).", lab.is_ari > 0.9 ? "finds them" : "does no better",
                         lab.is_ari);
            if (lab.truth_ari[best] > 0.9)
                lab_bullet("The generated segments differ in income and score, and k-means found "
                       "them: the %s did best (ARI %.2f with the truth).",
                       best ? "PC space" : "standardized space", lab.truth_ari[best]);
            else if (lab.truth_J[0] > lab.full.J)
                lab_bullet("k-means did not recover the generated segments (best ARI %.2f), yet "
                       "its clusters have a lower inertia than the segments themselves (%.2f "
                       "against %.2f in the standardized space): it minimized what it was "
                       "asked to. The segments are boxes of income and score, and Age, which "
                       "varies within each, pulls the clusters its own way.%s",
                       lab.truth_ari[best], lab.full.J, lab.truth_J[0], alone);
            else
                lab_bullet("k-means did not recover the generated segments (best ARI %.2f), and "
                       "the segments have a lower inertia than its clusters (%.2f against "
                       "%.2f): it stopped in a poor local minimum. Try other seeds (la4ai lab "
                       "segmentation --seed N).%s",
                       lab.truth_ari[best], lab.truth_J[0], lab.full.J, alone);
        }
        lab_bullet("Name each cluster of part" LAB_NB "3 in a line a marketing team could use — "
               "\"young, high income, big spenders\" — from its mean Age, Income and Score.");
    }
    if (lab.elbow_ok) {
        double J1 = lab.elbow[0][1];
        double d5 = (lab.elbow[0][K - 1] - lab.elbow[0][K]) / J1;
        double d6 = (lab.elbow[0][K] - lab.elbow[0][K + 1]) / J1;
        if (isfinite(d5) && isfinite(d6))
            lab_bullet("Elbow: the %dth cluster removes %.1f%% of J(1), the %dth %.1f%%%s", K,
                   100 * d5, K + 1, 100 * d6,
                   d6 < 0.5 * d5 ? ": the drops flatten after k" LAB_NB "=" LAB_NB "5, a case for five "
                                   "segments."
                                 : ": no sharp elbow at k" LAB_NB "=" LAB_NB "5 — choose k by whether "
                                   "the clusters mean something, not by the curve alone.");
    }
    if (lab.gender_ok) {
        int women = 0;
        for (int i = 0; i < c->mall.n; i++)
            women += c->mall.gender[i];
        if (lab.gender_pure >= 2)
            lab_bullet("With Gender as a feature, %d of your %d clusters are ≥" LAB_NB "%.0f%% one "
                   "gender, though %.0f%% of all customers are women: a standardized 0/1 "
                   "column splits the customers into two slabs, and k-means follows them. "
                   "Keep it out of the distance and compare the clusters by gender "
                   "afterwards, as parts" LAB_NB "3–4 do.", lab.gender_pure, K, 100 * PURE,
                   100.0 * women / c->mall.n);
        else
            lab_bullet("With Gender as a feature, %d of your %d clusters are ≥" LAB_NB "%.0f%% one "
                   "gender (%.0f%% of all customers are women): here k-means did not follow "
                   "the 0/1 slabs.", lab.gender_pure, K, 100 * PURE,
                   100.0 * women / c->mall.n);
    }
    for (int i = 0; i < ntrouble; i++)
        lab_bullet("%s", trouble[i]);
    if (!ntrouble)
        lab_bullet("Your standardize, pca_fit, pca_transform and kmeans all agreed with the lab's "
               "checks.");
}

int main(void)
{
    printf("segmentation — customer segments: your standardize, pca_fit, pca_transform and\n"
           "kmeans on the Mall Customers data (StandardScaler → PCA(2) → KMeans(5))\n\n");
    Customers c = { 0 };
    if (load_customers(&c) != 0)
        return 1;
    describe_columns(&c);

    Pca p = { .d = 3, .feat = FEAT3 };
    p.X = feature_matrix(&c.mall, FEAT3, 3);
    pca_standardize(&p, 0);
    pca_components(&p, 0);
    pca_scores(&p, 0);
    part2(&p);
    part3(&c, &p);
    if (lab.have) {
        part4(&c, &p);
        part5(&p);
    }
    part6(&c);
    conclusions(&c, &p);

    pca_free(&p);
    data_mall_free(&c.mall);
    free(c.truth);
    return 0;
}
