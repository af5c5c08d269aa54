/*
 * grader.c — pca (week 4, 18.065 Lecture 7): standardize, pca_fit, pca_transform,
 * pca_reconstruct.
 *
 * The truth comes from the grader's own one-sided Jacobi SVD of the centred data,
 * Xc = X − mean = U·diag(σ)·Vᵀ: the principal directions are the columns of V, the variances
 * σᵢ²/(n − 1), the explained-variance ratios σᵢ²/Σσ². A component's sign is free and, where
 * variances repeat, so is the basis, so components are graded by properties: unit rows,
 * orthogonal to each other (CCᵀ = I), each capturing the right variance in order —
 * ‖Xc·cᵢ‖² = σᵢ² (the max-variance characterization: with cᵢ ⟂ c₀…cᵢ₋₁ that forces cᵢ = ±vᵢ
 * when σᵢ is simple) — and, where σₖ₋₁ > σₖ, span(components) = span(v₀…vₖ₋₁) (la_outside).
 * ratio[i] must equal σᵢ²/Σσ² (so Σ ratio ≤ 1), mean the column means. pca_transform and
 * pca_reconstruct are graded on given inputs and then on the learner's own fit: T = Xc·Cᵀ,
 * Xhat = T·C + mean, k = d gives X back, and for k < d ‖X − Xhat‖²_F = Σᵢ≥ₖ σᵢ²
 * (Eckart–Young). standardize: mean, sample std (n − 1), Z = (X − mean)/std, every Z column
 * with mean 0 and sample std 1; a constant column keeps std 1 and a zero Z column, also when
 * its computed std is rounding noise (ten copies of 0.1).
 * Cases: a 4-point 2-D example (ratios 0.8, 0.2), 50×6 with a far-off mean, variances in
 * increasing feature order, a repeated variance, wide data (8 samples × 20 features),
 * features in wildly different units (standardize, then PCA), and k out of range / no
 * variance (-1).
 * Tolerances (printed): with s = max(n, d), means to la_tol(n, 1)·max|x|; ratios (absolute)
 * and orthonormality to la_tol(s, 1); variances to la_tol(s, 1)·σ₀²; subspaces to
 * la_tol(s, sep) with sep = σ₀²/(σₖ₋₁² − σₖ²) (the covariance has eigenvalues σ²/(n − 1));
 * T and Xhat to la_tol(s, 1) times the size of the data.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "la4grade.h"

static const char *IDEA_FIT =
    "centre the columns (Xc = X − mean), form C = XcᵀXc/(n − 1), find all its eigenpairs "
    "(Jacobi rotations), sort them by decreasing eigenvalue, and copy the top k eigenvectors "
    "into the rows of components";

static double *vec(int n)
{
    double *v = malloc(sizeof(double) * (size_t)(n > 0 ? n : 1));
    if (!v)
        la_fail("grader out of memory");
    return v;
}

/* The grader's own view of X: column means (two-pass), Xc, and Xc's SVD. */
typedef struct {
    int n, d, p;  /* p = min(n, d) singular values */
    double *mean, *s, total; /* total = Σσ² */
    Matrix *Xc, *V; /* V d×p: right singular vectors of Xc as columns */
} Truth;

static Truth truth_of(const Matrix *X)
{
    int n = X->rows, d = X->cols, p = n < d ? n : d;
    Truth t = { n, d, p, vec(d), vec(p), 0.0, la_mat_copy(X), mat_new(d, p) };
    for (int j = 0; j < d; j++) {
        double sum = 0.0;
        for (int i = 0; i < n; i++)
            sum += MAT(X, i, j);
        t.mean[j] = sum / n;
        for (int i = 0; i < n; i++)
            MAT(t.Xc, i, j) -= t.mean[j];
    }
    la_svd(t.Xc, t.s, NULL, t.V);
    for (int i = 0; i < p; i++)
        t.total += t.s[i] * t.s[i];
    return t;
}

static void free_truth(Truth *t)
{
    free(t->mean);
    free(t->s);
    mat_free(t->Xc);
    mat_free(t->V);
}

/* X = Q·diag(s)·Vᵀ + 1·meanᵀ with Q (n×d) orthonormal columns ⟂ (1, …, 1): the centred data
   has singular values s exactly. V = NULL: a random orthogonal d×d; else the given one. */
static Matrix *make_data(unsigned salt, int n, int d, const double *s, const Matrix *V,
                         const double *mean)
{
    LaRng r = la_rng(salt);
    Matrix *G = la_mat_random(&r, n, d), *Q = mat_new(n, d), *R = mat_new(d, d);
    for (int j = 0; j < d; j++) { /* centre G, so that its column space is ⟂ 1 */
        double sum = 0.0;
        for (int i = 0; i < n; i++)
            sum += MAT(G, i, j);
        for (int i = 0; i < n; i++)
            MAT(G, i, j) -= sum / n;
    }
    la_qr(G, Q, R);
    Matrix *W = V ? la_mat_copy(V) : la_mat_orthonormal(&r, d, d), *X = mat_new(n, d);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++) {
            double acc = mean[j];
            for (int l = 0; l < d; l++)
                acc += MAT(Q, i, l) * s[l] * MAT(W, j, l);
            MAT(X, i, j) = acc;
        }
    mat_free(G);
    mat_free(Q);
    mat_free(R);
    mat_free(W);
    return X;
}

/* ---- pca_fit --------------------------------------------------------------------------- */

typedef struct {
    double *mean, *ratio;
    Matrix *C; /* components, k×d */
    int rc;
} Fit;

static Fit fit(const Matrix *X, int k)
{
    int d = X->cols;
    Fit f = { vec(d), vec(k), mat_new(k > 0 ? k : 1, d), 0 };
    la_fill(f.mean, d, NAN);
    la_fill(f.ratio, k > 0 ? k : 1, NAN);
    Matrix *before = la_mat_copy(X);
    f.rc = pca_fit(X, k, f.mean, f.C, f.ratio);
    la_expect_unchanged(X, before, "X");
    mat_free(before);
    return f;
}

static void free_fit(Fit *f)
{
    free(f->mean);
    free(f->ratio);
    mat_free(f->C);
}

static void expect_mean(const double *mean, const Truth *t, const Matrix *X, const char *fn)
{
    char what[64];
    snprintf(what, sizeof what, "mean (from %s)", fn);
    la_expect_finite(mean, t->d, what);
    la_expect_vec_near(mean, t->mean, t->d, la_tol(t->n, 1.0) * fmax(la_mat_maxabs(X), 1e-300),
                       what, "mean[j] = (x₀ⱼ + x₁ⱼ + … + xₙ₋₁ⱼ)/n, the average of column j");
}

/* A hint when component i points along the mean: the data was not centred. */
static const char *centring_hint(const Matrix *C, int i, const Truth *t)
{
    double dot = 0.0, nm = la_vnorm(t->mean, t->d);
    for (int j = 0; j < t->d; j++)
        dot += MAT(C, i, j) * t->mean[j];
    static char hint[256];
    hint[0] = '\0';
    if (nm > 0.0 && fabs(dot) > 0.9 * nm)
        snprintf(hint, sizeof hint,
                 " Component %d points almost along the mean of the data: the covariance must "
                 "be that of the centred data X − mean — subtract the column means first.",
                 i);
    return hint;
}

/* Every property of a correct fit with k components. */
static void expect_fit(const Matrix *X, int k, const Fit *f, const Truth *t)
{
    int d = t->d, n = t->n, big = n > d ? n : d;
    double s0 = t->s[0], tol = la_tol(big, 1.0);
    if (f->rc != 0)
        la_fail("pca_fit returned %d, expected 0: k = %d is in 1…d = %d, n = %d ≥ 2 and the "
                "data varies",
                f->rc, k, d, n);
    expect_mean(f->mean, t, X, "pca_fit");
    la_expect_mat_finite(f->C, "components");
    la_expect_finite(f->ratio, k, "ratio");

    /* unit, orthogonal rows: CCᵀ = I */
    for (int a = 0; a < k; a++)
        for (int b = a; b < k; b++) {
            double g = 0.0;
            for (int j = 0; j < d; j++)
                g += MAT(f->C, a, j) * MAT(f->C, b, j);
            double want = a == b ? 1.0 : 0.0;
            if (!(fabs(g - want) <= tol)) {
                if (a == b)
                    la_fail("row %d of components has length %.6g, not 1 (tolerance %.1e): "
                            "principal directions are unit vectors — the eigenvectors from "
                            "Jacobi rotations are; did you scale them by λ or σ?",
                            a, sqrt(fabs(g)), tol);
                la_fail("rows %d and %d of components are not orthogonal (dot product %.3g, "
                        "tolerance %.1e): eigenvectors of the symmetric covariance are. Copy "
                        "eigenvector i (a column of the Jacobi V) into row i — rows, not "
                        "columns",
                        a, b, g, tol);
            }
        }

    /* the variance each component captures: ‖Xc·cᵢ‖² must be σᵢ², in decreasing order */
    double *xc = vec(n), *var = vec(k), c[64];
    for (int i = 0; i < k; i++) {
        for (int j = 0; j < d; j++)
            c[j] = MAT(f->C, i, j);
        la_matvec(t->Xc, c, xc);
        var[i] = la_vnorm(xc, n) * la_vnorm(xc, n);
    }
    for (int i = 1; i < k; i++)
        if (var[i] > var[i - 1] * (1.0 + tol) + tol * s0 * s0)
            la_fail("component %d carries more variance (%.6g) than component %d before it "
                    "(%.6g): components go by decreasing variance — sort the eigenpairs by "
                    "decreasing eigenvalue (Jacobi leaves them in no particular order).%s",
                    i, var[i] / (n - 1), i - 1, var[i - 1] / (n - 1),
                    centring_hint(f->C, i - 1, t));
    for (int i = 0; i < k; i++)
        if (!(fabs(var[i] - t->s[i] * t->s[i]) <= tol * s0 * s0))
            la_fail("the variance of the data along component %d is %.10g, but along "
                    "principal direction %d it is %.10g (σ%d²/(n − 1) of the centred data; off "
                    "by %.2e, tolerance %.1e·σ₀²/(n − 1)): component %d is not that direction."
                    "%s Revisit: %s",
                    i, var[i] / (n - 1), i, t->s[i] * t->s[i] / (n - 1), i,
                    fabs(var[i] - t->s[i] * t->s[i]) / (n - 1), tol, i, centring_hint(f->C, i, t),
                    IDEA_FIT);

    /* the subspace, where it is unique */
    double next = k < t->p ? t->s[k] : 0.0;
    if (t->s[k - 1] - next > 1e-6 * s0) {
        double sep = s0 * s0 / (t->s[k - 1] * t->s[k - 1] - next * next);
        Matrix *Ct = la_mat_transpose(f->C), *Vk = la_mat_cols(t->V, k);
        int worst;
        double dist = la_outside(Ct, k, Vk, &worst), tol_v = la_tol(big, sep);
        mat_free(Ct);
        mat_free(Vk);
        if (!(dist <= tol_v))
            la_fail("row %d of components is not in the span of the top %d principal "
                    "directions (relative distance %.2e, tolerance %.1e). Revisit: %s",
                    worst, k, dist, tol_v, IDEA_FIT);
    }

    /* explained-variance ratios */
    double *want = vec(k), sum = 0.0;
    for (int i = 0; i < k; i++) {
        want[i] = t->s[i] * t->s[i] / t->total;
        sum += f->ratio[i];
    }
    la_expect_vec_near(f->ratio, want, k, tol, "ratio",
                       "ratio[i] = λᵢ/(λ₀ + … + λ_{d−1}): eigenvalue i over the total variance "
                       "trace C of all d directions — not over the top k, and λ (a variance), "
                       "not its square root");
    if (!(sum <= 1.0 + tol))
        la_fail("the ratios add up to %.10g > 1: they are shares of the total variance", sum);
    free(want);
    free(xc);
    free(var);
}

/* ---- Core ----------------------------------------------------------------------------- */

LA_TEST(standardize_columns)
{
    /* height (cm), weight (kg), yearly income ($): different units and sizes */
    static const double x[] = { 170, 65, 42000,  182, 80, 51000, 165, 58, 38500,
                                 175, 72, 60000,  160, 55, 29000, 190, 95, 88000 };
    Matrix *X = la_mat(6, 3, x), *Z = mat_new(6, 3), *before = la_mat_copy(X);
    double mean[3], sd[3], want_sd[3];
    la_fill(mean, 3, NAN);
    la_fill(sd, 3, NAN);
    la_case("6 people × (height cm, weight kg, income $): sample std with n − 1 = 5");
    standardize(X, Z, mean, sd);
    la_expect_unchanged(X, before, "X");
    Truth t = truth_of(X);
    expect_mean(mean, &t, X, "standardize");
    for (int j = 0; j < 3; j++) {
        double ss = 0.0;
        for (int i = 0; i < 6; i++)
            ss += MAT(t.Xc, i, j) * MAT(t.Xc, i, j);
        want_sd[j] = sqrt(ss / 5.0);
    }
    la_expect_finite(sd, 3, "std");
    for (int j = 0; j < 3; j++)
        if (fabs(sd[j] - want_sd[j] * sqrt(5.0 / 6.0)) <= 1e-9 * want_sd[j])
            la_fail("std[%d] = %.10g is the population std (dividing by n = 6); the sample std "
                    "divides by n − 1 = 5: %.10g (pandas' .std(), R's sd(); StandardScaler "
                    "uses n — this course uses n − 1)",
                    j, sd[j], want_sd[j]);
    la_expect_vec_near(sd, want_sd, 3, la_tol(6, 1.0) * la_mat_maxabs(X), "std",
                       "std[j] = √(Σᵢ(xᵢⱼ − mean[j])²/(n − 1))");
    Matrix *Zw = mat_new(6, 3);
    for (int i = 0; i < 6; i++)
        for (int j = 0; j < 3; j++)
            MAT(Zw, i, j) = MAT(t.Xc, i, j) / want_sd[j];
    la_expect_mat_near(Z, Zw, la_tol(6, 1.0) * 4, "Z",
                       "Z(i,j) = (X(i,j) − mean[j])/std[j]: every column then has mean 0 and "
                       "sample std 1, whatever its units");
    free_truth(&t);
    mat_free(X);
    mat_free(Z);
    mat_free(Zw);
    mat_free(before);
}

LA_TEST(known_2d_example)
{
    /* Xc = [2 0; 0 1; −2 0; 0 −1]: C = diag(8/3, 2/3), directions ±e₀ then ±e₁, ratios
       8/10 and 2/10. */
    static const double x[] = { 5, -1, 3, 0, 1, -1, 3, -2 };
    static const double mean[] = { 3, -1 }, ratio[] = { 0.8, 0.2 };
    Matrix *X = la_mat(4, 2, x);
    la_case("4 points (5, −1), (3, 0), (1, −1), (3, −2): mean (3, −1), covariance "
            "diag(8/3, 2/3), components ±(1, 0) then ±(0, 1), ratios 0.8 and 0.2");
    Truth t = truth_of(X);
    Fit f = fit(X, 2);
    expect_fit(X, 2, &f, &t);
    la_expect_vec_near(f.mean, mean, 2, 1e-15, "mean", "the average of each column");
    la_expect_near(fabs(MAT(f.C, 0, 0)), 1.0, 1e-12, "|components(0,0)|",
                   "the spread is largest along the first axis (variance 8/3): component 0 "
                   "is ±(1, 0)");
    la_expect_vec_near(f.ratio, ratio, 2, 1e-14, "ratio",
                       "ratio[i] = λᵢ/Σλ = (8/3)/(10/3) and (2/3)/(10/3)");
    free_fit(&f);
    free_truth(&t);
    mat_free(X);
}

LA_TEST(fit_50x6_far_from_origin)
{
    static const double s[] = { 9, 5, 3, 1, 0.5, 0.2 };
    static const double mean[] = { 100, -50, 30, 0, 2, 1000 };
    Matrix *X = make_data(1, 50, 6, s, NULL, mean);
    la_case("50×6 whose centred part has σ = 9, 5, 3, 1, 0.5, 0.2 (random directions), mean "
            "(100, −50, 30, 0, 2, 1000); k = 3 — without centring, the mean would swamp "
            "everything");
    Truth t = truth_of(X);
    Fit f = fit(X, 3);
    expect_fit(X, 3, &f, &t);
    free_fit(&f);
    free_truth(&t);
    mat_free(X);
}

LA_TEST(transform_and_reconstruct_given)
{
    static const double x[] = { 2, 5, 3, 0, 2, 7, 1, -1, 3 };
    static const double mean[] = { 1, 2, 3 };
    static const double comps[] = { 0.6, 0.8, 0, 0, 0, 1 };
    Matrix *X = la_mat(3, 3, x), *C = la_mat(2, 3, comps), *T = mat_new(3, 2);
    Matrix *Xb = la_mat_copy(X), *Cb = la_mat_copy(C);
    la_case("X = [2 5 3; 0 2 7; 1 −1 3], mean (1, 2, 3), components [0.6 0.8 0; 0 0 1]: "
            "T = (X − mean)·componentsᵀ = [3 0; −0.6 4; −2.4 0]");
    pca_transform(X, mean, C, T);
    la_expect_unchanged(X, Xb, "X");
    la_expect_unchanged(C, Cb, "components");
    static const double tw[] = { 3, 0, -0.6, 4, -2.4, 0 };
    Matrix *Tw = la_mat(3, 2, tw);
    la_expect_mat_near(T, Tw, 1e-14, "T",
                       "T(i,c) = Σⱼ (X(i,j) − mean[j])·components(c,j): centre the sample, then "
                       "take its dot product with each component");
    Matrix *Xhat = mat_new(3, 3), *Tb = la_mat_copy(Tw);
    la_case("T = [3 0; −0.6 4; −2.4 0], mean (1, 2, 3), components [0.6 0.8 0; 0 0 1]: "
            "Xhat = T·components + mean = [2.8 4.4 3; 0.64 1.52 7; −0.44 0.08 3]");
    pca_reconstruct(Tw, mean, C, Xhat);
    la_expect_unchanged(Tw, Tb, "T");
    static const double xw[] = { 2.8, 4.4, 3, 0.64, 1.52, 7, -0.44, 0.08, 3 };
    Matrix *Xw = la_mat(3, 3, xw);
    la_expect_mat_near(Xhat, Xw, 1e-14, "Xhat",
                       "Xhat(i,j) = mean[j] + Σ_c T(i,c)·components(c,j): walk from the mean "
                       "along each component by its score — don't forget the mean");
    mat_free(X);
    mat_free(C);
    mat_free(T);
    mat_free(Xb);
    mat_free(Cb);
    mat_free(Tw);
    mat_free(Tb);
    mat_free(Xhat);
    mat_free(Xw);
}

/* Transform with the learner's fit: T against Xc·Cᵀ (her mean and components), then
   reconstruct: X back for k = d, the left-out variance Σᵢ≥ₖ σᵢ² for k < d. */
static void round_trip(const Matrix *X, int k, const Truth *t)
{
    int n = X->rows, d = X->cols, big = n > d ? n : d;
    Fit f = fit(X, k);
    expect_fit(X, k, &f, t);
    Matrix *T = mat_new(n, k), *Tw = mat_new(n, k), *Xhat = mat_new(n, d);
    double scale = la_mat_maxabs(t->Xc) * sqrt((double)d), tol = la_tol(big, 1.0);
    pca_transform(X, f.mean, f.C, T);
    for (int i = 0; i < n; i++)
        for (int c = 0; c < k; c++) {
            double acc = 0.0;
            for (int j = 0; j < d; j++)
                acc += (MAT(X, i, j) - f.mean[j]) * MAT(f.C, c, j);
            MAT(Tw, i, c) = acc;
        }
    la_expect_mat_near(T, Tw, tol * scale, "T (from your mean and components)",
                       "T = (X − mean)·componentsᵀ: sample i's score on component c is the dot "
                       "product of the centred row with that component");
    pca_reconstruct(T, f.mean, f.C, Xhat);
    la_expect_mat_finite(Xhat, "Xhat");
    if (k == d) {
        la_expect_mat_near(Xhat, X, tol * (scale + la_mat_maxabs(X)), "Xhat (k = d)",
                           "with all d components, componentsᵀ·components = I, so "
                           "T·components + mean = (X − mean) + mean = X");
    } else {
        double err = 0.0, want = 0.0;
        for (int i = 0; i < n * d; i++)
            err += (X->data[i] - Xhat->data[i]) * (X->data[i] - Xhat->data[i]);
        for (int i = k; i < t->p; i++)
            want += t->s[i] * t->s[i];
        if (!(fabs(err - want) <= tol * t->s[0] * t->s[0]))
            la_fail("‖X − Xhat‖²_F = %.10g, but the variance left out by %d components is "
                    "Σᵢ≥%d σᵢ² = %.10g (tolerance %.1e·σ₀²). Eckart–Young: the rank-%d PCA "
                    "reconstruction misses exactly the σᵢ² of the components it drops. "
                    "Xhat = T·components + mean",
                    err, k, k, want, tol, k);
    }
    mat_free(T);
    mat_free(Tw);
    mat_free(Xhat);
    free_fit(&f);
}

LA_TEST(transform_and_reconstruct_round_trip)
{
    static const double s[] = { 6, 4, 2, 1, 0.5 };
    static const double mean[] = { 10, -3, 0.5, 7, -20 };
    Matrix *X = make_data(2, 40, 5, s, NULL, mean);
    Truth t = truth_of(X);
    la_case("40×5 (σ = 6, 4, 2, 1, 0.5 around mean (10, −3, 0.5, 7, −20)), k = 5 = d: the "
            "reconstruction is X itself");
    round_trip(X, 5, &t);
    la_case("40×5 (σ = 6, 4, 2, 1, 0.5), k = 2: ‖X − Xhat‖²_F = 2² + 1² + 0.5² = 5.25");
    round_trip(X, 2, &t);
    free_truth(&t);
    mat_free(X);
}

/* ---- Edge ----------------------------------------------------------------------------- */

LA_TEST(variance_in_increasing_feature_order)
{
    /* axis-aligned: feature j has spread s[j], the last feature the most */
    static const double s[] = { 1, 2, 3, 4 }, mean[] = { 0, 0, 0, 0 };
    Matrix *I = la_mat_identity(4);
    Matrix *X = make_data(3, 30, 4, s, I, mean);
    la_case("30×4 with features of spread 1, 2, 3, 4 (uncorrelated): component 0 = ±e₃, then "
            "±e₂; k = 2, ratios 16/30 and 9/30 (of all four variances)");
    Truth t = truth_of(X);
    Fit f = fit(X, 2);
    expect_fit(X, 2, &f, &t);
    free_fit(&f);
    free_truth(&t);
    mat_free(X);
    mat_free(I);
}

LA_TEST(repeated_variance)
{
    static const double s[] = { 3, 2, 2, 1 }, mean[] = { 1, 1, 1, 1 };
    Matrix *X = make_data(4, 25, 4, s, NULL, mean);
    Truth t = truth_of(X);
    la_case("25×4 with σ = 3, 2, 2, 1: k = 3 (components 1 and 2 may be any orthonormal pair in "
            "the σ = 2 plane; the top-3 span is unique)");
    Fit f = fit(X, 3);
    expect_fit(X, 3, &f, &t);
    free_fit(&f);
    la_case("25×4 with σ = 3, 2, 2, 1: k = 2 splits the σ = 2 plane — component 1 is any unit "
            "vector in it");
    f = fit(X, 2);
    expect_fit(X, 2, &f, &t);
    free_fit(&f);
    free_truth(&t);
    mat_free(X);
}

LA_TEST(wide_data)
{
    LaRng r = la_rng(5);
    Matrix *X = la_mat_random(&r, 8, 20);
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 20; j++)
            MAT(X, i, j) += 3.0 * j;
    Truth t = truth_of(X);
    la_case("8 samples × 20 features (more features than samples: the centred data has rank "
            "7), k = 3");
    Fit f = fit(X, 3);
    expect_fit(X, 3, &f, &t);
    free_fit(&f);
    free_truth(&t);
    mat_free(X);
}

LA_TEST(standardize_constant_columns_then_pca)
{
    /* columns: a measurement in metres, one in micrometres, a constant 5, a constant 0.1 */
    LaRng r = la_rng(6);
    int n = 10, d = 4;
    Matrix *X = mat_new(n, d), *Z = mat_new(n, d);
    for (int i = 0; i < n; i++) {
        double a = la_normal(&r), b = la_normal(&r);
        MAT(X, i, 0) = 1.7 + 0.1 * a;
        MAT(X, i, 1) = 1e6 * (0.5 * a + b);
        MAT(X, i, 2) = 5.0;
        MAT(X, i, 3) = 0.1;
    }
    double mean[4], sd[4];
    la_fill(mean, d, NAN);
    la_fill(sd, d, NAN);
    la_case("10×4: metres, micrometres, a constant 5 and a constant 0.1 (whose computed std is "
            "about 1.5e-17, rounding noise)");
    standardize(X, Z, mean, sd);
    la_expect_finite(sd, d, "std");
    la_expect_mat_finite(Z, "Z");
    for (int j = 2; j < 4; j++) {
        if (sd[j] != 1.0)
            la_fail("std[%d] = %.3g for a constant column (every entry %g): a constant column "
                    "keeps std = 1. Test \"constant\" directly — every entry equal to the first "
                    "— because Σ(x − mean)² of ten copies of 0.1 is rounding noise, not 0",
                    j, sd[j], MAT(X, 0, j));
        for (int i = 0; i < n; i++)
            if (!(fabs(MAT(Z, i, j)) <= 1e-15))
                la_fail("Z(%d,%d) = %.3g, but column %d is constant, so its standardized "
                        "values are 0 (x − mean = 0, divided by std = 1)",
                        i, j, MAT(Z, i, j), j);
    }
    for (int j = 0; j < 2; j++) { /* the varying columns: mean 0, sample std 1 */
        double m = 0.0, ss = 0.0;
        for (int i = 0; i < n; i++)
            m += MAT(Z, i, j) / n;
        for (int i = 0; i < n; i++)
            ss += (MAT(Z, i, j) - m) * (MAT(Z, i, j) - m);
        double size = 0.0; /* rounding in x − mean is ε·|x|, then divided by the std */
        for (int i = 0; i < n; i++)
            size = fmax(size, fabs(MAT(X, i, j)));
        size /= sd[j];
        la_expect_near(m, 0.0, la_tol(n, 1.0) * fmax(size, 1.0),
                       "the mean of a standardized column",
                       "subtract the column mean before dividing");
        la_expect_near(sqrt(ss / (n - 1)), 1.0, la_tol(n, 1.0),
                       "the sample std of a standardized column",
                       "divide by the sample std √(Σ(x − mean)²/(n − 1))");
    }
    /* PCA of Z (its constant columns are 0): the two varying features, now comparable */
    la_case("PCA of the standardized 10×4 from above, k = 2: the two varying features "
            "(correlated) and two zero columns");
    Truth t = truth_of(Z);
    Fit f = fit(Z, 2);
    expect_fit(Z, 2, &f, &t);
    free_fit(&f);
    free_truth(&t);
    mat_free(X);
    mat_free(Z);
}

/* ---- Errors --------------------------------------------------------------------------- */

LA_TEST(bad_k_or_no_variance_returns_minus_one)
{
    LaRng r = la_rng(7);
    Matrix *X = la_mat_random(&r, 12, 4);
    Truth t = truth_of(X);
    la_case("random 12×4, k = 1");
    Fit f = fit(X, 1);
    expect_fit(X, 1, &f, &t);
    free_fit(&f);
    static const int bad[] = { 0, 5 };
    for (int q = 0; q < 2; q++) {
        la_case("random 12×4, k = %d", bad[q]);
        f = fit(X, bad[q]);
        if (f.rc != -1)
            la_fail("pca_fit returned %d for k = %d, expected -1: there are d = 4 directions, "
                    "so k must be in 1…4",
                    f.rc, bad[q]);
        free_fit(&f);
    }
    free_truth(&t);
    for (int i = 0; i < 12; i++)
        for (int j = 0; j < 4; j++)
            MAT(X, i, j) = MAT(X, 0, j);
    la_case("12×4 whose rows are all the same point, k = 2");
    f = fit(X, 2);
    if (f.rc != -1)
        la_fail("pca_fit returned %d, expected -1: every sample is the same point, so the total "
                "variance trace C is 0 and the ratios λᵢ/trace C are 0/0",
                f.rc);
    free_fit(&f);
    mat_free(X);
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("pca");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, standardize_columns);
    tcase_add_test(core, known_2d_example);
    tcase_add_test(core, fit_50x6_far_from_origin);
    tcase_add_test(core, transform_and_reconstruct_given);
    tcase_add_test(core, transform_and_reconstruct_round_trip);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, variance_in_increasing_feature_order);
    tcase_add_test(edge, repeated_variance);
    tcase_add_test(edge, wide_data);
    tcase_add_test(edge, standardize_constant_columns_then_pca);
    TCase *err = la_tcase(s, "Errors");
    tcase_add_test(err, bad_k_or_no_variance_returns_minus_one);
    return s;
}
