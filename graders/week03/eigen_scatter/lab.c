/*
 * lab.c — week 3 lab `eigen_scatter`: eigenvectors over your data. A 2-D point cloud, its
 * covariance matrix worked out here by hand, and that matrix's eigenpairs from the
 * learner's eig_2x2 (closed form) and power_iteration, checked against the grader library's
 * SVD of the centred data and drawn as arrows over a scatter plot of the points.
 *
 *   1  The data: 400 points from a seeded Gaussian, or the first two columns of the CSV file
 *      named by LA4AI_LAB_CSV (an absolute path: the lab runs in a temporary folder).
 *   2  The covariance matrix C = XcᵀXc/(n − 1) of the centred data Xc.
 *   3  eig_2x2(C): λ₁ ≥ λ₂ and v₁, v₂, checked (unit, perpendicular, Cv = λv, the same as
 *      the SVD's), and the share of the variance each direction keeps.
 *   4  power_iteration(C): the top pair again, then step by step how fast v turns onto v₁,
 *      next to the exact 2-D prediction tan θₖ = tan θ₀·(λ₂/λ₁)ᵏ.
 *   5  The picture: the points, and from their mean each eigenvector √λ long (one standard
 *      deviation of the data along it), on axes with the same scale so right angles look
 *      right.
 *   Then a few lines on what to see, naming what her functions did.
 *
 * Theory of operation. Each of her functions runs in a child process (fork), on copies of
 * the inputs, and sends back what it returned through a pipe: a crash, a call of exit or a
 * hang costs that part of the lab, not the lab. If fork is refused the calls run here, still
 * on copies.
 *
 * Legend: n points; Xc n×2 the centred data; C 2×2 the covariance; λ₁ ≥ λ₂ its eigenvalues
 * (lam[0], lam[1] in the code) and v₁, v₂ unit eigenvectors (v[0], v[1]); σᵢ the singular
 * values of Xc, λᵢ = σᵢ²/(n − 1).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "la4ai.h"
#include "la4grade.h"
#include "la4lab.h"
#include "plot.h"

#define PI 3.14159265358979323846

#define N_POINTS 400             /* generated data */
static const double GEN_MEAN[2] = { 5.0, 3.0 };
static const double GEN_COV[4] = { 3.0, 1.4, 1.4, 1.6 };
#define MAX_POINTS 200000        /* rows read from a CSV file */

#define TOL 1e-9                 /* relative to λ₁: what counts as "holds" in the checks */
#define POWER_MAX_ITER 1000
#define POWER_TOL 1e-12
static const int TRACE_STEPS[] = { 1, 2, 3, 4, 6, 8, 12, 16 };
#define N_TRACE ((int)(sizeof TRACE_STEPS / sizeof TRACE_STEPS[0]))
#define CALL_TIMEOUT 5.0         /* seconds for one child's calls */

#define PLOT_W 76
#define PLOT_H 28

/* ---- running her code in a child -------------------------------------------------------- */

/* What became of a run that did not return, in this lab's words: "crashed (Segmentation
   fault)", "did not return within 5 seconds", … */
static const char *run_trouble(const LabRun *r, char *buf, size_t size)
{
    if (r->end == LAB_TIMEOUT)
        snprintf(buf, size, "did not return within %.0f seconds", CALL_TIMEOUT);
    else
        lab_run_trouble(r, buf, size);
    return buf;
}

/* ---- small helpers ------------------------------------------------------------------------ */

/* The angle between the lines through u and v, in degrees (0…90: a sign flip is no error),
   computed from |u×v| and |u·v| so that tiny angles keep their digits. */
static double line_angle(const double u[2], const double v[2])
{
    double cross = u[0] * v[1] - u[1] * v[0], dot = u[0] * v[0] + u[1] * v[1];
    return atan2(fabs(cross), fabs(dot)) * 180.0 / PI;
}

/* v with one significant digit and a short exponent, as the chart axes write it: "2e-5"
   where printf's %.0e gives "2e-05". */
static void compact(char *buf, size_t size, double v)
{
    char raw[32];
    snprintf(raw, sizeof raw, "%.0e", v);
    char *e = strchr(raw, 'e');
    if (e && (e[1] == '-' || e[1] == '+')) {
        char sign = e[1];
        char *digits = e + 2;
        while (digits[0] == '0' && digits[1])
            digits++;
        snprintf(buf, size, "%.*se%s%s", (int)(e - raw), raw, sign == '-' ? "-" : "", digits);
    } else {
        snprintf(buf, size, "%s", raw);
    }
}

/* A quantity that is usually tiny: "0", "3e-16", or "0.0647" when it is not. */
static const char *tiny(double v, char *buf, size_t size)
{
    if (v == 0.0)
        snprintf(buf, size, "0");
    else if (!isfinite(v))
        snprintf(buf, size, "%s", isnan(v) ? "NaN" : "∞");
    else if (fabs(v) >= 1e-3)
        snprintf(buf, size, "%.3g", v);
    else
        compact(buf, size, v);
    return buf;
}

/* "0.0647" for the larger numbers, "2e-4" below 1e-3 */
static const char *small(double v, char *buf, size_t size)
{
    if (fabs(v) < 1e-3)
        return tiny(v, buf, size);
    snprintf(buf, size, "%.4f", v);
    return buf;
}

/* An angle in degrees: "8.51°", or "5e-7°" below 0.01° */
static const char *degrees(double v, char *buf, size_t size)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "NaN");
    } else if (v >= 0.01 || v == 0.0) {
        snprintf(buf, size, "%.2f°", v);
    } else {
        compact(buf, size, v);
        strncat(buf, "°", size - strlen(buf) - 1);
    }
    return buf;
}

/* "( 0.8462, −0.5328)" with a real minus sign */
static const char *vec2(const double v[2], char *buf, size_t size)
{
    char a[24], b[24];
    snprintf(a, sizeof a, "%7.4f", v[0]);
    snprintf(b, sizeof b, "%7.4f", v[1]);
    snprintf(buf, size, "(%s, %s)", a, b);
    /* %7.4f pads with spaces, so '-' can become "−" without changing the width */
    char tmp[64];
    size_t o = 0;
    for (const char *p = buf; *p && o + 4 < sizeof tmp; p++) {
        if (*p == '-') {
            memcpy(tmp + o, "−", 3);
            o += 3;
        } else {
            tmp[o++] = *p;
        }
    }
    tmp[o] = '\0';
    snprintf(buf, size, "%s", tmp);
    return buf;
}

/* ---- 1. the data -------------------------------------------------------------------------- */

typedef struct {
    int n;
    double *x, *y;
    char xname[40], yname[40];
} Cloud;

static void cloud_free(Cloud *c)
{
    free(c->x);
    free(c->y);
    memset(c, 0, sizeof *c);
}

static int cloud_push(Cloud *c, int *cap, double x, double y)
{
    if (c->n == *cap) {
        int next = *cap ? 2 * *cap : 256;
        double *nx = realloc(c->x, sizeof(double) * (size_t)next);
        if (!nx)
            return -1;
        c->x = nx;
        double *ny = realloc(c->y, sizeof(double) * (size_t)next);
        if (!ny)
            return -1;
        c->y = ny;
        *cap = next;
    }
    c->x[c->n] = x;
    c->y[c->n] = y;
    c->n++;
    return 0;
}

/* The first two fields of a line, copied into f[0], f[1] (at most 39 bytes each, quotes
   around a field dropped). Fields are split at commas, semicolons or tabs, or at runs of
   spaces in a line that has none of those. Returns how many fields were found (0–2). */
static int two_fields(const char *line, char f[2][40])
{
    const char *seps = strpbrk(line, ",;\t") ? ",;\t\r\n" : " \r\n";
    int k = 0;
    const char *p = line;
    while (k < 2) {
        while (*p == ' ' || (k > 0 && *p && strchr(seps, *p) && *p != '\r' && *p != '\n'))
            p++;
        if (!*p || *p == '\r' || *p == '\n')
            break;
        size_t len = strcspn(p, seps);
        const char *end = p + len;
        while (end > p && end[-1] == ' ')
            end--;
        const char *from = p;
        size_t copy = (size_t)(end - from);
        if (copy >= 2 && *from == '"' && end[-1] == '"') {
            from++;
            copy -= 2;
        }
        if (copy > 39)
            copy = 39;
        memcpy(f[k], from, copy);
        f[k][copy] = '\0';
        k++;
        p += len;
        if (*p && strchr(",;\t", *p))
            p++; /* one separator: "a,,b" has an empty second field */
    }
    return k;
}

static int parse_number(const char *s, double *v)
{
    char *end;
    errno = 0;
    *v = strtod(s, &end);
    return end != s && *end == '\0' && errno == 0 && isfinite(*v);
}

/* Reads the first two columns of a CSV file: rows of two numbers become points, a first row
   that is not numbers gives the column names, other rows are counted in *skipped.
   Returns 0, or -1 with err filled. */
static int read_csv(const char *path, Cloud *c, int *skipped, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t linecap = 0;
    int cap = 0, header = 0, rc = 0;
    *skipped = 0;
    snprintf(c->xname, sizeof c->xname, "column 1");
    snprintf(c->yname, sizeof c->yname, "column 2");
    while (getline(&line, &linecap, f) >= 0 && c->n < MAX_POINTS) {
        char fld[2][40];
        double x, y;
        if (line[strspn(line, " \t\r\n")] == '\0' || line[0] == '#')
            continue;
        int k = two_fields(line, fld);
        if (k == 2 && parse_number(fld[0], &x) && parse_number(fld[1], &y)) {
            if (cloud_push(c, &cap, x, y) != 0) {
                snprintf(err, errlen, "%s: out of memory after %d rows", path, c->n);
                rc = -1;
                break;
            }
        } else if (c->n == 0 && !header && k == 2) {
            header = 1;
            snprintf(c->xname, sizeof c->xname, "%s", fld[0]);
            snprintf(c->yname, sizeof c->yname, "%s", fld[1]);
        } else {
            (*skipped)++;
        }
    }
    free(line);
    fclose(f);
    if (rc == 0 && c->n < 3) {
        snprintf(err, errlen, "%s has %d rows of two numbers: a covariance needs at least 3",
                 path, c->n);
        rc = -1;
    }
    if (rc != 0)
        cloud_free(c);
    return rc;
}

/* n points x = μ + L·z with z standard normal and LLᵀ = GEN_COV (Cholesky by hand). */
static void generate(Cloud *c, int n)
{
    double l11 = sqrt(GEN_COV[0]), l21 = GEN_COV[2] / l11;
    double l22 = sqrt(GEN_COV[3] - l21 * l21);
    LaRng rng = la_rng(3);
    c->n = n;
    c->x = malloc(sizeof(double) * (size_t)n);
    c->y = malloc(sizeof(double) * (size_t)n);
    for (int i = 0; i < n; i++) {
        double z1 = la_normal(&rng), z2 = la_normal(&rng);
        c->x[i] = GEN_MEAN[0] + l11 * z1;
        c->y[i] = GEN_MEAN[1] + l21 * z1 + l22 * z2;
    }
    snprintf(c->xname, sizeof c->xname, "x");
    snprintf(c->yname, sizeof c->yname, "y");
}

/* The points: LA4AI_LAB_CSV's if it names a readable file, else generated ones. */
static void load_cloud(Cloud *c)
{
    const char *path = getenv("LA4AI_LAB_CSV");
    printf("1. The data\n");
    if (path && *path) {
        char err[512];
        int skipped = 0;
        if (read_csv(path, c, &skipped, err, sizeof err) == 0) {
            printf("   %s (LA4AI_LAB_CSV)\n"
                   "   %d points: its first two columns, \"%s\" and \"%s\"", path, c->n,
                   c->xname, c->yname);
            if (skipped)
                printf(";\n   %d line%s not two numbers left out", skipped,
                       skipped == 1 ? " that was" : "s that were");
            if (c->n == MAX_POINTS)
                printf(";\n   only the first %d rows were read", MAX_POINTS);
            printf(".\n\n");
            return;
        }
        printf("   LA4AI_LAB_CSV:\n   %s.\n", err);
        if (path[0] != '/')
            printf("   Give an absolute path: the lab runs in a temporary folder.\n");
        printf("   Using generated data instead.\n");
    }
    generate(c, N_POINTS);
    printf("   %d points from a Gaussian with mean (%g, %g) and covariance\n"
           "   [[%g, %g], [%g, %g]] (seed %llu, LA4AI_SEED).\n"
           "   LA4AI_LAB_CSV=/absolute/path.csv draws the first two columns of a file of\n"
           "   yours instead.\n\n",
           N_POINTS, GEN_MEAN[0], GEN_MEAN[1], GEN_COV[0], GEN_COV[1], GEN_COV[2], GEN_COV[3],
           (unsigned long long)la_seed());
}

/* ---- 2. the covariance matrix, and the lab's check ---------------------------------------- */

typedef struct {
    double mean[2];
    double c[4];                 /* C, row-major */
    double lam[2], v[2][2];      /* the check: from the SVD of Xc */
} Stats;

/* mean, C = XcᵀXc/(n − 1), and the check eigenpairs λᵢ = σᵢ²/(n − 1), vᵢ = right singular
   vectors of Xc (each turned to point right, or up). */
static void cov_stats(const Cloud *c, Stats *s)
{
    int n = c->n;
    s->mean[0] = s->mean[1] = 0.0;
    for (int i = 0; i < n; i++) {
        s->mean[0] += c->x[i] / n;
        s->mean[1] += c->y[i] / n;
    }
    Matrix *Xc = mat_new(n, 2);
    double sxx = 0, sxy = 0, syy = 0;
    for (int i = 0; i < n; i++) { // Xc[i, :] = (xᵢ − x̄, yᵢ − ȳ)
        double dx = c->x[i] - s->mean[0], dy = c->y[i] - s->mean[1];
        MAT(Xc, i, 0) = dx;
        MAT(Xc, i, 1) = dy;
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
    }
    s->c[0] = sxx / (n - 1);
    s->c[1] = s->c[2] = sxy / (n - 1);
    s->c[3] = syy / (n - 1);

    double sv[2];
    Matrix *V = mat_new(2, 2);
    la_svd(Xc, sv, NULL, V);
    for (int k = 0; k < 2; k++) {
        s->lam[k] = sv[k] * sv[k] / (n - 1);
        double sign = MAT(V, 0, k) < 0 || (MAT(V, 0, k) == 0 && MAT(V, 1, k) < 0) ? -1 : 1;
        s->v[k][0] = sign * MAT(V, 0, k);
        s->v[k][1] = sign * MAT(V, 1, k);
    }
    mat_free(V);
    mat_free(Xc);
}

static void print_covariance(const Stats *s)
{
    printf("2. The covariance matrix, by hand\n");
    printf("   mean  x̄ = (%.4g, %.4g)\n", s->mean[0], s->mean[1]);
    printf("   C = 1/(n − 1) · Σ (xᵢ − x̄)(xᵢ − x̄)ᵀ = [ %9.4f  %9.4f ]\n"
           "                                         [ %9.4f  %9.4f ]\n",
           s->c[0], s->c[1], s->c[2], s->c[3]);
    printf("   The diagonal holds the two variances, the off-diagonal the covariance:\n"
           "   %s.\n\n",
           s->c[1] > 0 ? "positive, the cloud rises to the right"
           : s->c[1] < 0 ? "negative, the cloud falls to the right" : "zero");
}

/* ---- 3. her eig_2x2 ----------------------------------------------------------------------- */

enum { EIG_OUT = 10 }; /* lambda[2], V row-major [4], C after the call [4] */

static int job_eig(const void *in, double *out, size_t nout)
{
    (void)nout;
    Matrix *A = la_mat(2, 2, in), *V = mat_new(2, 2);
    double lambda[2] = { NAN, NAN };
    int rc = eig_2x2(A, lambda, V);
    memcpy(out, lambda, sizeof lambda);
    memcpy(out + 2, V->data, 4 * sizeof(double));
    memcpy(out + 6, A->data, 4 * sizeof(double));
    mat_free(A);
    mat_free(V);
    return rc;
}

typedef struct {
    LabRun run;
    int have;                    /* returned 0 with finite λ and V */
    double lam[2], v[2][2];      /* v[k] = column k of her V */
    int input_changed;
    double unit, perp, resid;    /* max |‖vₖ‖ − 1|, |v₁·v₂|, max ‖Cvₖ − λₖvₖ‖ (all / λ-scale) */
    double dlam, angle[2];       /* vs the check: max |Δλ|/scale, angle of each vₖ in degrees */
    int ok[5];                   /* unit, perpendicular, Cv = λv, ordered, same as the SVD */
} Eig;

static void check_eig(const Stats *s, const double *out, Eig *e)
{
    e->lam[0] = out[0];
    e->lam[1] = out[1];
    for (int k = 0; k < 2; k++) {
        e->v[k][0] = out[2 + k];   // V(0, k)
        e->v[k][1] = out[4 + k];   // V(1, k)
    }
    e->input_changed = e->run.end == LAB_RETURNED && memcmp(out + 6, s->c, sizeof s->c) != 0;
    e->have = e->run.end == LAB_RETURNED && e->run.rc == 0 && lab_all_finite(out, 6);
    if (!e->have)
        return;
    double scale = fmax(fabs(s->lam[0]), fabs(s->lam[1]));
    scale = scale > 0 ? scale : 1;
    e->unit = e->resid = e->dlam = 0;
    for (int k = 0; k < 2; k++) {
        const double *v = e->v[k];
        double cv0 = s->c[0] * v[0] + s->c[1] * v[1], cv1 = s->c[2] * v[0] + s->c[3] * v[1];
        e->unit = fmax(e->unit, fabs(hypot(v[0], v[1]) - 1));
        e->resid = fmax(e->resid, hypot(cv0 - e->lam[k] * v[0], cv1 - e->lam[k] * v[1]) / scale);
        e->dlam = fmax(e->dlam, fabs(e->lam[k] - s->lam[k]) / scale);
        e->angle[k] = line_angle(v, s->v[k]);
    }
    e->perp = fabs(e->v[0][0] * e->v[1][0] + e->v[0][1] * e->v[1][1]);
    e->ok[0] = e->unit <= TOL;
    e->ok[1] = e->perp <= TOL;
    e->ok[2] = e->resid <= TOL;
    e->ok[3] = e->lam[0] >= e->lam[1];
    /* the eigenvectors are determined (up to sign) only when λ₁ and λ₂ stand apart */
    double gap = (s->lam[0] - s->lam[1]) / scale;
    e->ok[4] = e->dlam <= TOL && (gap < 1e-6 || fmax(e->angle[0], e->angle[1]) <= 1e-6);
}

/* One row of the eigenpair table: who, λ₁, λ₂ (blank if NaN), v₁ and v₂ (if not NULL). */
static void print_pair_row(const char *who, const double lam[2], const double *v1,
                           const double *v2)
{
    char a[64], b[64];
    printf("   ");
    lab_put_left(who, 14);
    printf("%9.5g  ", lam[0]);
    if (isnan(lam[1]))
        printf("%9s   ", "");
    else
        printf("%9.5g   ", lam[1]);
    printf("%s", vec2(v1, a, sizeof a));
    if (v2)
        printf("  %s", vec2(v2, b, sizeof b));
    printf("\n");
}

static void print_eig(const Stats *s, const Eig *e)
{
    char buf[160];
    printf("3. Your eig_2x2(C)\n");
    if (e->run.end != LAB_RETURNED) {
        printf("   It %s.\n", run_trouble(&e->run, buf, sizeof buf));
    } else if (e->run.rc != 0) {
        printf("   It returned %d: C is a symmetric 2×2 matrix, so it should have given λ\n"
               "   and V.\n", e->run.rc);
    } else if (!e->have) {
        printf("   It returned 0 but left NaN or ∞ in lambda or V:\n"
               "   λ = (%.4g, %.4g), V's columns (%.4g, %.4g) and (%.4g, %.4g).\n", e->lam[0],
               e->lam[1], e->v[0][0], e->v[0][1], e->v[1][0], e->v[1][1]);
    }
    if (e->input_changed)
        printf("   It changed its input C (an input is const: leave it as it is).\n");
    printf("   %14s", "");
    lab_put_right("λ₁", 9);
    lab_put_right("λ₂", 11);
    printf("   ");
    lab_put_left("v₁", 20);
    printf("v₂\n");
    if (e->have)
        print_pair_row("your eig_2x2", e->lam, e->v[0], e->v[1]);
    print_pair_row("SVD of Xc", s->lam, s->v[0], s->v[1]);
    printf("   (the check: Xc's singular values σᵢ give λᵢ = σᵢ²/(n − 1), its right singular\n"
           "   vectors v₁, v₂ — how PCA is computed in practice)\n");
    if (!e->have) {
        printf("\n");
        return;
    }
    static const char *what[5] = { "‖v₁‖ = ‖v₂‖ = 1", "v₁·v₂ = 0", "Cv = λv",
                                   "λ₁ ≥ λ₂", "as the SVD, up to sign" };
    char d[5][96], t1[32], t2[32];
    snprintf(d[0], sizeof d[0], "largest |‖v‖ − 1| %s", tiny(e->unit, t1, sizeof t1));
    snprintf(d[1], sizeof d[1], "|v₁·v₂| %s", tiny(e->perp, t1, sizeof t1));
    snprintf(d[2], sizeof d[2], "largest ‖Cv − λv‖/λ₁ %s", tiny(e->resid, t1, sizeof t1));
    snprintf(d[3], sizeof d[3], "%.5g ≥ %.5g", e->lam[0], e->lam[1]);
    snprintf(d[4], sizeof d[4], "|Δλ|/λ₁ %s, angles %s and %s", tiny(e->dlam, t1, sizeof t1),
             degrees(e->angle[0], t2, sizeof t2), degrees(e->angle[1], buf, sizeof buf));
    printf("   Checks (tolerance %s, relative to λ₁):\n", tiny(TOL, t1, sizeof t1));
    for (int i = 0; i < 5; i++) {
        printf("     %s  ", e->ok[i] ? "ok " : "NO ");
        lab_put_left(what[i], 24);
        printf("%s\n", d[i]);
    }
    double tot = e->lam[0] + e->lam[1];
    if (!(tot > 0)) {
        printf("   λ₁ + λ₂ = trace C = %g: there is no variance to share out.\n\n", tot);
        return;
    }
    printf("   Explained variance: λ₁/(λ₁ + λ₂) = %.1f%% along v₁ (PC1), λ₂/(λ₁ + λ₂) = %.1f%%\n"
           "   along v₂ (PC2); λ₁ + λ₂ = %.4g = trace C, the total variance.\n\n",
           100 * e->lam[0] / tot, 100 * e->lam[1] / tot, tot);
}

/* ---- 4. her power_iteration --------------------------------------------------------------- */

typedef struct {
    double c[4];
    double start[2];
} PowerIn;

enum { POWER_OUT = 3 * (1 + N_TRACE) }; /* (λ, v₀, v₁) for the full run, then each trace */

static int job_power(const void *in, double *out, size_t nout)
{
    (void)nout;
    const PowerIn *p = in;
    for (int r = 0; r <= N_TRACE; r++) {
        Matrix *A = la_mat(2, 2, p->c);
        double v[2] = { p->start[0], p->start[1] };
        int steps = r == 0 ? POWER_MAX_ITER : TRACE_STEPS[r - 1];
        out[3 * r] = power_iteration(A, v, steps, r == 0 ? POWER_TOL : 0.0);
        out[3 * r + 1] = v[0];
        out[3 * r + 2] = v[1];
        mat_free(A);
    }
    return 0;
}

typedef struct {
    LabRun run;
    double start[2];
    double lam, v[2];            /* the full run */
    int have;                    /* finite λ and v, v not the zero vector */
    int untouched;               /* v came back as the start vector, λ = 0: still the stub? */
    double dlam, angle, unit;    /* vs the check's λ₁, v₁ (relative, degrees); |‖v‖ − 1| */
    double trace_angle[N_TRACE], trace_dlam[N_TRACE]; /* angle to v₁, λ₁ − λ */
    double pred_angle[N_TRACE], pred_dlam[N_TRACE];
    int trace_follows;           /* every traced angle within 2% (or 1e-9°) of the prediction */
    int trace_shift;             /* 0, or by how many steps her trace leads (+) or lags (−) */
    double theta0, ratio;        /* start angle to v₁ in degrees, λ₂/λ₁ */
    double bound;                /* how far from v₁ (degrees) the stopping test may leave v */
    int close;                   /* the full run is as close to (λ₁, v₁) as tol allows */
} Power;

/* A start vector: (1, 0), unless v₁ is almost perpendicular to it (then (0, 1)). */
static void power_start(const Stats *s, double start[2])
{
    start[0] = 1;
    start[1] = 0;
    if (fabs(s->v[0][0]) < 1e-3) {
        start[0] = 0;
        start[1] = 1;
    }
}

/* The angle to v₁ after k exact steps of power iteration from θ₀: tan θₖ = tan θ₀·(λ₂/λ₁)ᵏ
   (2-D, λ₁ > λ₂ ≥ 0: v stays in the plane of v₁ and v₂, and each step scales the two
   components by λ₁ and λ₂). In degrees. */
static double predicted_angle(double theta0, double ratio, int k)
{
    return atan(tan(theta0 * PI / 180) * pow(ratio, k)) * 180 / PI;
}

static void check_power(const Stats *s, const double *out, Power *p)
{
    p->lam = out[0];
    p->v[0] = out[1];
    p->v[1] = out[2];
    p->ratio = s->lam[0] > 0 ? s->lam[1] / s->lam[0] : NAN;
    p->theta0 = line_angle(p->start, s->v[0]);
    p->untouched = p->run.end == LAB_RETURNED && p->v[0] == p->start[0] &&
                   p->v[1] == p->start[1] && p->lam == 0.0;
    p->have = p->run.end == LAB_RETURNED && lab_all_finite(out, 3) && (p->v[0] || p->v[1]) &&
              !p->untouched;
    if (!p->have)
        return;
    double scale = s->lam[0] != 0 ? fabs(s->lam[0]) : 1;
    p->dlam = fabs(p->lam - s->lam[0]) / scale;
    p->angle = line_angle(p->v, s->v[0]);
    p->unit = fabs(hypot(p->v[0], p->v[1]) - 1);
    /* The test |λₖ − λₖ₋₁| < tol·λ passes once (λ₁ − λ₂)·sin²θₖ₋₁·(1 − r²) < tol·λ₁
       (r = λ₂/λ₁, λ₁ − λ = (λ₁ − λ₂)·sin²θ), and θₖ = r·θₖ₋₁ (small angles). */
    double r = p->ratio, gap = s->lam[0] - s->lam[1];
    p->bound = gap > 0 && r < 1
                   ? r * sqrt(POWER_TOL * s->lam[0] / (gap * (1 - r * r))) * 180 / PI
                   : 90;
    p->close = p->angle <= 3 * p->bound + 1e-9 && p->dlam <= 10 * POWER_TOL + 1e-14 &&
               p->unit <= TOL;
    p->trace_follows = 1;
    for (int t = 0; t < N_TRACE; t++) {
        const double *o = out + 3 * (t + 1);
        p->trace_angle[t] = lab_all_finite(o, 3) ? line_angle(o + 1, s->v[0]) : NAN;
        p->trace_dlam[t] = s->lam[0] - o[0];
        p->pred_angle[t] = predicted_angle(p->theta0, p->ratio, TRACE_STEPS[t]);
        double sn = sin(p->pred_angle[t] * PI / 180);
        p->pred_dlam[t] = (s->lam[0] - s->lam[1]) * sn * sn;
        double got = p->trace_angle[t], want = p->pred_angle[t];
        if (!(fabs(got - want) <= fmax(0.02 * want, 1e-9)))
            p->trace_follows = 0;
    }
    /* does her trace match the prediction for a fixed number of steps more or fewer? */
    p->trace_shift = 0;
    for (int shift = -2; shift <= 2 && !p->trace_follows; shift++) {
        int fits = shift != 0;
        for (int t = 0; t < N_TRACE && fits; t++) {
            int k = TRACE_STEPS[t] + shift;
            double want = k >= 0 ? predicted_angle(p->theta0, p->ratio, k) : NAN;
            fits = fabs(p->trace_angle[t] - want) <= fmax(0.02 * want, 1e-9);
        }
        if (fits)
            p->trace_shift = shift;
    }
}

static void print_power(const Stats *s, const Power *p)
{
    char buf[160], a[32], b[32], c[32], d[32];
    printf("4. Your power_iteration(C, v = (%g, %g), %d, %g)\n", p->start[0], p->start[1],
           POWER_MAX_ITER, POWER_TOL);
    if (p->run.end != LAB_RETURNED) {
        printf("   It %s.\n\n", run_trouble(&p->run, buf, sizeof buf));
        return;
    }
    if (p->untouched) {
        printf("   It returned 0 and left v as it was, (%g, %g): is it still the stub?\n\n",
               p->start[0], p->start[1]);
        return;
    }
    if (!p->have) {
        printf("   It returned λ = %g with v = (%g, %g): %s.\n\n", p->lam, p->v[0], p->v[1],
               p->v[0] == 0 && p->v[1] == 0 ? "the zero vector" : "NaN or ∞");
        return;
    }
    double lam2[2] = { p->lam, NAN };
    print_pair_row("your power it.", lam2, p->v, NULL);
    print_pair_row("SVD of Xc", s->lam, s->v[0], NULL);
    printf("   |λ − λ₁|/λ₁ = %s, angle between v and v₁ %s (a sign flip is no error:\n"
           "   −v₁ is an eigenvector too)%s.\n",
           tiny(p->dlam, a, sizeof a), degrees(p->angle, b, sizeof b),
           p->unit > TOL ? "; but v is not a unit vector" : "");
    printf("   tol stops the loop once λ changes by less than %g·|λ|. λ settles like\n"
           "   (λ₂/λ₁)²ᵏ, v only like (λ₂/λ₁)ᵏ, so v may stop up to ≈ %s from v₁:\n"
           "   %s.\n",
           POWER_TOL, degrees(p->bound, c, sizeof c),
           p->close ? "yours is within that" : "yours is further off");
    if (!(p->ratio < 1) || !(p->theta0 > 1e-9)) {
        printf("\n");
        return;
    }
    printf("\n   Step by step: power_iteration(C, v = (%g, %g), k, 0), a fresh start each time.\n",
           p->start[0], p->start[1]);
    printf("   Predicted: tan θₖ = tan θ₀·(λ₂/λ₁)ᵏ with θ₀ = %.2f° and λ₂/λ₁ = %.4f, and\n"
           "   λ₁ − λ = (λ₁ − λ₂)·sin²θₖ, which shrinks like (λ₂/λ₁)²ᵏ.\n",
           p->theta0, p->ratio);
    static const char *head[5] = { "k", "angle to v₁", "predicted", "λ₁ − λ", "predicted" };
    static const int width[5] = { 5, 16, 14, 14, 14 };
    printf("   ");
    for (int i = 0; i < 5; i++)
        lab_put_right(head[i], width[i]);
    printf("\n");
    for (int t = 0; t < N_TRACE; t++) {
        char k[16];
        snprintf(k, sizeof k, "%d", TRACE_STEPS[t]);
        const char *cells[5] = { k, degrees(p->trace_angle[t], a, sizeof a),
                                 degrees(p->pred_angle[t], b, sizeof b),
                                 small(p->trace_dlam[t], c, sizeof c),
                                 small(p->pred_dlam[t], d, sizeof d) };
        printf("   ");
        for (int i = 0; i < 5; i++)
            lab_put_right(cells[i], width[i]);
        printf("\n");
    }
    printf("   (λ₁ − λ near 1e-15 is rounding: λ is as close to λ₁ as doubles allow)\n\n");
}

/* ---- 5. the picture ----------------------------------------------------------------------- */

/* The scatter of the points on axes with the same scale (a cell is about twice as high as
   wide, so the plotting area must be twice as many cells wide as high per unit), centred on
   the mean; the arrows are drawn on a second grid with the same frame and copied over, so
   their shafts stay clean where they cross the points. */
static PlotGrid *scatter_equal(const Cloud *c, const Stats *s, const PlotSeries *pts,
                               const PlotAxes *base, double *rx, double *ry)
{
    double dx = 0, dy = 0;
    for (int i = 0; i < c->n; i++) {
        dx = fmax(dx, fabs(c->x[i] - s->mean[0]));
        dy = fmax(dy, fabs(c->y[i] - s->mean[1]));
    }
    dx = dx > 0 ? dx * 1.05 : 1;
    dy = dy > 0 ? dy * 1.05 : 1;
    PlotAxes ax = *base;
    PlotGrid *g = NULL;
    double aspect = 2.0; /* area width/height in cells: a first guess, then measured */
    for (int pass = 0; pass < 3; pass++) {
        /* equal scale: (xmax − xmin)/(2·width) = (ymax − ymin)/(4·height) */
        double a = aspect / 2;
        *ry = fmax(dy, dx / a);
        *rx = a * *ry;
        ax.xmin = s->mean[0] - *rx;
        ax.xmax = s->mean[0] + *rx;
        ax.ymin = s->mean[1] - *ry;
        ax.ymax = s->mean[1] + *ry;
        plot_grid_free(g);
        g = plot_scatter(pts, 1, &ax, PLOT_W, PLOT_H);
        if (!g)
            return NULL;
        double measured = (double)g->frame.width / g->frame.height;
        if (fabs(measured - aspect) < 1e-12)
            break;
        aspect = measured;
    }
    return g;
}

/* Copies every non-blank cell of the plotting area of `over` onto g (same frame). */
static void overlay(PlotGrid *g, const PlotGrid *over)
{
    const PlotFrame *f = &g->frame;
    for (int y = f->top; y < f->top + f->height; y++)
        for (int x = f->left; x < f->left + f->width; x++) {
            const PlotCell *o = &over->cells[y * over->width + x];
            if (o->ch != ' ')
                g->cells[y * g->width + x] = *o;
        }
}

/* The cell that shows the data point (x, y) on g's frame; 0 if it lies outside. */
static int data_cell(const PlotGrid *g, double x, double y, int *cx, int *cy)
{
    const PlotFrame *f = &g->frame;
    double dx = (x - f->xmin) / (f->xmax - f->xmin) * (2 * f->width - 1);
    double dy = (f->ymax - y) / (f->ymax - f->ymin) * (4 * f->height - 1);
    if (!(dx > -0.5 && dx < 2 * f->width - 0.5 && dy > -0.5 && dy < 4 * f->height - 0.5))
        return 0;
    *cx = f->left + (int)lround(dx) / 2;
    *cy = f->top + (int)lround(dy) / 4;
    return 1;
}

typedef struct { int row, start, len; } Span;

/* Where an arrow's label goes: beside its head on the side the arrow points to (above or
   below it when the arrow is steep), moved a row further off if it would cover `avoid`. */
static Span label_span(const PlotGrid *g, int cx, int cy, const double dir[2], int len,
                       const Span *avoid)
{
    const PlotFrame *f = &g->frame;
    Span sp = { cy, dir[0] >= 0 ? cx + 2 : cx - 1 - len, len };
    double slope = fabs(dir[1]) / (fabs(dir[0]) + 1e-300);
    if (slope > 2.5) { /* steep: centred over (or under) the head */
        sp.row = cy + (dir[1] > 0 ? -1 : 1);
        sp.start = cx - len / 2;
    }
    for (int tries = 0; avoid && tries < 3; tries++) {
        int overlap = sp.row == avoid->row && sp.start < avoid->start + avoid->len + 1 &&
                      avoid->start < sp.start + sp.len + 1;
        if (!overlap)
            break;
        sp.row += dir[1] > 0 ? -1 : 1;
    }
    int lo = f->left, hi = f->left + f->width - len;
    sp.start = sp.start < lo ? lo : sp.start > hi ? hi : sp.start;
    sp.row = sp.row < f->top ? f->top : sp.row >= f->top + f->height ? f->top + f->height - 1
                                                                      : sp.row;
    return sp;
}

/* Writes the label over whatever is there, with a blank cell on either side. */
static void put_label(PlotGrid *g, const Span *sp, const char *text, int colour)
{
    for (int x = sp->start - 1; x <= sp->start + sp->len; x++)
        if (x >= g->frame.left && x < g->frame.left + g->frame.width)
            plot_put(g, x, sp->row, ' ', PLOT_DEFAULT);
    plot_text(g, sp->start, sp->row, text, colour);
}

static void picture(const Cloud *c, const Stats *s, const Eig *e)
{
    int from_her = e->have;
    const double *lam = from_her ? e->lam : s->lam;
    const double *v[2] = { from_her ? e->v[0] : s->v[0], from_her ? e->v[1] : s->v[1] };
    printf("5. The picture: the points, and from their mean the eigenvectors v₁ and v₂\n");
    if (from_her)
        printf("   from your eig_2x2, each √λ long (one standard deviation of the data along "
               "it)\n");
    else
        printf("   from the lab's SVD (your eig_2x2 gave none), each √λ long (one standard\n"
               "   deviation of the data along it)\n");
    char title[96];
    snprintf(title, sizeof title, "%d points, equal scales", c->n);
    PlotAxes base = plot_axes(title, c->xname, c->yname);
    PlotSeries pts = { "data", c->x, c->y, c->n, PLOT_CYAN, 0x00B7 };
    double rx, ry;
    PlotGrid *g = scatter_equal(c, s, &pts, &base, &rx, &ry);
    if (!g) {
        printf("   (no room for the chart)\n\n");
        return;
    }
    PlotAxes fixed = base;
    fixed.xmin = s->mean[0] - rx;
    fixed.xmax = s->mean[0] + rx;
    fixed.ymin = s->mean[1] - ry;
    fixed.ymax = s->mean[1] + ry;
    PlotSeries none = pts;
    none.n = 0;
    PlotGrid *arrows = plot_scatter(&none, 1, &fixed, PLOT_W, PLOT_H);
    static const int colour[2] = { PLOT_RED, PLOT_YELLOW };
    static const char *name[2] = { "v₁", "v₂" };
    double tip[2][2];
    for (int k = 0; k < 2; k++) {
        double len = lam[k] > 0 ? sqrt(lam[k]) : 0;
        tip[k][0] = s->mean[0] + len * v[k][0];
        tip[k][1] = s->mean[1] + len * v[k][1];
        if (arrows)
            plot_arrow(arrows, s->mean[0], s->mean[1], tip[k][0], tip[k][1], colour[k]);
    }
    if (arrows)
        overlay(g, arrows);
    plot_mark(g, s->mean[0], s->mean[1], 0x25CF, NULL, PLOT_DEFAULT);
    Span placed[2];
    int nplaced = 0;
    for (int k = 0; k < 2; k++) {
        int cx, cy;
        if (!data_cell(g, tip[k][0], tip[k][1], &cx, &cy))
            continue;
        char label[48];
        snprintf(label, sizeof label, "%s λ=%.3g", name[k], lam[k]);
        placed[nplaced] = label_span(g, cx, cy, v[k], lab_text_width(label),
                                     nplaced ? &placed[0] : NULL);
        put_label(g, &placed[nplaced], label, colour[k]);
        nplaced++;
    }
    char *text = plot_render(g, plot_style_auto());
    fputs(text, stdout);
    printf("   ● the mean; x and y have the same scale, so right angles look right.\n\n");
    free(text);
    plot_grid_free(arrows);
    plot_grid_free(g);
}

/* ---- what you should see ------------------------------------------------------------------ */

/* How fast power iteration converges here, and whether her trace kept to the prediction. */
static void conclusion_power(const Stats *s, const Power *p)
{
    if (!(s->lam[0] > 0))
        return;
    double r = s->lam[1] / s->lam[0];
    if (r < 1e-12) {
        lab_bullet("λ₂" LAB_NB "=" LAB_NB "0: the points lie on a line, and a single step of power "
               "iteration lands on v₁. The closer λ₂/λ₁ comes to 1 (a round cloud), the slower "
               "it gets: the angle to v₁ shrinks by λ₂/λ₁ a step.");
        return;
    }
    const char *trace = "";
    if (p->have && r < 1)
        trace = p->trace_follows ? " Your trace follows the prediction step for step."
                : p->trace_shift > 0 ? " Your trace runs ahead of the prediction by a fixed "
                                       "number of steps: your loop makes more multiplications "
                                       "than max_iter."
                : p->trace_shift < 0 ? " Your trace lags the prediction by a fixed number of "
                                       "steps: your loop makes fewer multiplications than "
                                       "max_iter."
                                     : " Your trace does not follow the prediction: see the "
                                       "table in part" LAB_NB "4.";
    double digits = -log10(r), theta0 = line_angle((double[2]){ 1, 0 }, s->v[0]);
    if (fabs(s->v[0][0]) < 1e-3)
        theta0 = 90 - theta0; /* the start was (0, 1) */
    lab_bullet("Power iteration shrinks the angle to v₁ by λ₂/λ₁" LAB_NB "=" LAB_NB "%.3f a step (%.2f "
           "digits), so about %.0f steps reach 1e-8°; the eigenvalue converges twice as fast, "
           "like (λ₂/λ₁)². A nearly round cloud (λ₂/λ₁ near 1) would leave it crawling.%s",
           r, digits, fmax(1, ceil(log10(tan(theta0 * PI / 180) / 1.745e-10) / digits)),
           trace);
}

static void conclusions(const Stats *s, const Eig *e, const Power *p)
{
    char a[32], b[32];
    printf("What you should see\n");
    if (!(s->lam[0] > 0)) {
        lab_bullet("All the points are the same: C" LAB_NB "=" LAB_NB "0, every direction is an "
               "eigenvector, and there is nothing to see. Try a file with some spread.");
        return;
    }
    double ang = atan2(s->v[0][1], s->v[0][0]) * 180 / PI;
    int drawn_right = !e->have || (e->ok[0] && e->ok[1] && e->ok[2] && e->ok[3] && e->ok[4]);
    lab_bullet("PC1%s points along ±(%.3f, %.3f), %.0f° %s the x" LAB_NB "axis: the direction in "
           "which the cloud is longest. PC2 is at a right angle to it: C is symmetric, so its "
           "eigenvectors are perpendicular.",
           drawn_right ? ", the long arrow," : "", s->v[0][0], s->v[0][1], fabs(ang),
           ang >= 0 ? "above" : "below");
    double share = s->lam[0] / (s->lam[0] + s->lam[1]);
    lab_bullet("λ₁/(λ₁" LAB_NB "+" LAB_NB "λ₂) = %.1f%% is the share of the variance PC1 keeps: what "
           "scikit-learn's PCA(2).fit(X).explained_variance_ratio_[0] reports for this data "
           "(it computes it from the SVD of the centred data, as the check here did).",
           100 * share);
    conclusion_power(s, p);
    /* what went wrong, in plain words */
    char trouble[160];
    if (e->run.end != LAB_RETURNED || e->run.rc != 0 || !e->have)
        lab_bullet("Your eig_2x2 %s, so the arrows are the lab's: get it passing its grader "
               "(la4ai check eig_2x2) and run the lab again.",
               e->run.end != LAB_RETURNED ? run_trouble(&e->run, trouble, sizeof trouble)
               : e->run.rc != 0 ? "returned -1" : "left NaN in its output");
    else if (!(e->ok[0] && e->ok[1] && e->ok[2] && e->ok[3] && e->ok[4])) {
        char what[256] = "";
        size_t len = 0;
        static const char *fault[5] = { "not unit vectors", "not perpendicular",
                                        "Cv ≠ λv", "λ₁ < λ₂", "not the SVD's directions" };
        for (int i = 0; i < 5; i++)
            if (!e->ok[i])
                len += (size_t)snprintf(what + len, sizeof what - len, "%s%s",
                                        len ? ", " : "", fault[i]);
        lab_bullet("Your eig_2x2's answer is off: %s (part" LAB_NB "3). The arrows above are yours, as "
               "they came; compare them with the cloud.", what);
    }
    if (!(s->lam[0] > 0))
        return; /* power_iteration was not called */
    if (p->run.end != LAB_RETURNED || p->untouched || !p->have)
        lab_bullet("Your power_iteration %s: get it passing its grader (la4ai check "
               "power_iteration) and run the lab again.",
               p->run.end != LAB_RETURNED ? run_trouble(&p->run, trouble, sizeof trouble)
               : p->untouched ? "left v as it was" : "gave no usable v");
    else if (!p->close)
        lab_bullet("Your power_iteration stopped %s from v₁ with |λ" LAB_NB "−" LAB_NB "λ₁|/λ₁" LAB_NB "=" LAB_NB
               "%s%s; with tol" LAB_NB "=" LAB_NB "%g it should get within about %s: check the "
               "stopping test and the normalization (part" LAB_NB "4).",
               degrees(p->angle, a, sizeof a), tiny(p->dlam, b, sizeof b),
               p->unit > TOL ? " and a v that is not a unit vector" : "", POWER_TOL,
               degrees(p->bound, trouble, sizeof trouble));
}

int main(void)
{
    printf("eigen_scatter — eigenvectors over your data: the covariance of a 2-D cloud and\n"
           "its eigenpairs from your eig_2x2 and power_iteration, drawn over the points\n\n");
    Cloud cloud = { 0 };
    load_cloud(&cloud);
    Stats s;
    cov_stats(&cloud, &s);
    print_covariance(&s);

    Eig e;
    memset(&e, 0, sizeof e);
    double eout[EIG_OUT];
    e.run = lab_run(job_eig, s.c, eout, EIG_OUT, CALL_TIMEOUT, NULL);
    check_eig(&s, eout, &e);
    print_eig(&s, &e);

    Power p;
    memset(&p, 0, sizeof p);
    PowerIn pin;
    memcpy(pin.c, s.c, sizeof s.c);
    power_start(&s, pin.start);
    memcpy(p.start, pin.start, sizeof p.start);
    double pout[POWER_OUT];
    if (s.lam[0] > 0) {
        p.run = lab_run(job_power, &pin, pout, POWER_OUT, CALL_TIMEOUT, NULL);
        check_power(&s, pout, &p);
        print_power(&s, &p);
    } else {
        p.ratio = NAN;
        printf("4. power_iteration is not called: C = 0 (all the points are the same), so\n"
               "   every vector is an eigenvector, for λ = 0.\n\n");
    }

    picture(&cloud, &s, &e);
    conclusions(&s, &e, &p);
    cloud_free(&cloud);
    return 0;
}
