/*
 * grader.c — low_rank_image (week 4, Coding Checkpoint #2 project 1): low_rank_approx, psnr,
 * compression_ratio.
 *
 * low_rank_approx is graded by Eckart–Young, against the singular values of the grader's own
 * one-sided Jacobi SVD (la_svd): Aₖ has rank ≤ k (its singular values after the k-th are
 * rounding-sized), and ‖A − Aₖ‖_F = √(Σᵢ≥ₖ σᵢ²), the smallest distance any rank-k matrix can
 * have. When σₖ₋₁ > σₖ the best Aₖ is unique and is also compared entry by entry with the
 * grader's own Σᵢ<ₖ σᵢuᵢvᵢᵀ; at a repeated singular value (σₖ₋₁ = σₖ) any of the best is
 * accepted. psnr and compression_ratio are checked on known values worked by hand, and the
 * whole chain on a PSNR-vs-k curve: psnr(A, Aₖ) = 10·log10(peak²·mn/Σᵢ≥ₖ σᵢ²), rising with k.
 * Cases: tall 30×20 with a gap, a 16×24 picture of rank exactly 3, wide 10×25 with k = 0, 4,
 * 10 and 12 (and −1 → -1), a repeated singular value at the cut, singular values from 1 down
 * to 1e-12, PSNR of 2×2, 2×3 and peak-1 images and of identical images (+INFINITY), and
 * compression ratios up to a 60000×40000 image (m·n beyond an int).
 * Tolerances (printed): with s = max(m, n), ‖A − Aₖ‖_F to la_tol(s, 1)·‖A‖_F; the rank test
 * σₖ(Aₖ) ≤ la_tol(s, 1)·σ₀; entries of a unique Aₖ to la_tol(s, σ₀/(σₖ₋₁ − σₖ))·σ₀; PSNR to
 * 1e-12 dB on the known values and 1e-8 dB on the curve; ratios to 4 ulps.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "la4grade.h"

static const char *IDEA_EY =
    "Eckart–Young: keep the k *largest* singular triplets, Aₖ = Σᵢ<ₖ σᵢuᵢvᵢᵀ — after the "
    "Jacobi rotations, the k longest columns of W = A·V (sort by length) and their columns of "
    "V, Aₖ = Σ wⱼvⱼᵀ";

static double *vec(int n)
{
    double *v = malloc(sizeof(double) * (size_t)(n > 0 ? n : 1));
    if (!v)
        la_fail("grader out of memory");
    return v;
}

/* Runs low_rank_approx(A, k, Ak) with Ak pre-filled with NaN; A unchanged. */
static Matrix *run(const Matrix *A, int k, int *rc)
{
    Matrix *Ak = mat_new(A->rows, A->cols), *before = la_mat_copy(A);
    la_fill(Ak->data, A->rows * A->cols, NAN);
    *rc = low_rank_approx(A, k, Ak);
    la_expect_unchanged(A, before, "A");
    mat_free(before);
    return Ak;
}

/* Grades Ak as a best rank-k approximation of A. */
static void expect_best(const Matrix *A, int k, const Matrix *Ak)
{
    int m = A->rows, n = A->cols, p = m < n ? m : n, big = m > n ? m : n;
    double *s = vec(p), *sk = vec(p), tol = la_tol(big, 1.0);
    Matrix *U = mat_new(m, p), *V = mat_new(n, p);
    la_svd(A, s, U, V);
    la_expect_mat_finite(Ak, "Ak");

    /* rank(Aₖ) ≤ k */
    la_svd(Ak, sk, NULL, NULL);
    if (k < p && !(sk[k] <= tol * s[0]))
        la_fail("Ak has rank more than %d: its singular value number %d is %.3g (should be 0, "
                "up to %.1e). A rank-k approximation is a sum of k rank-one pieces σᵢuᵢvᵢᵀ — "
                "keep only k of them",
                k, k, sk[k], tol * s[0]);

    /* ‖A − Aₖ‖_F = √(Σᵢ≥ₖ σᵢ²) */
    Matrix *D = la_mat_sub(A, Ak);
    double err = la_mat_norm(D), want = 0.0, na = la_mat_norm(A);
    for (int i = k; i < p; i++)
        want = hypot(want, s[i]);
    mat_free(D);
    if (!(fabs(err - want) <= tol * na)) {
        char bs[256];
        la_fail("‖A − Ak‖_F = %.12g, but the best rank-%d approximation misses by exactly "
                "√(Σᵢ≥%d σᵢ²) = %.12g (off by %.2e, tolerance %.1e·‖A‖_F = %.1e; σ = %s). "
                "Revisit: %s.%s",
                err, k, k, want, fabs(err - want), tol, tol * na,
                la_fmt_vec(s, p, bs, sizeof bs), IDEA_EY,
                err > want ? " If only the tiny singular values go wrong, work on A itself "
                             "(one-sided Jacobi), not on AᵀA, which squares them below "
                             "rounding"
                           : "");
    }

    /* unique when σₖ₋₁ > σₖ: compare with the grader's own Σᵢ<ₖ σᵢuᵢvᵢᵀ */
    int kk = k < p ? k : p; /* k ≥ min(m, n) keeps everything: Aₖ = A */
    double next = kk < p ? s[kk] : 0.0;
    if (kk > 0 && s[kk - 1] - next > 1e-6 * s[0]) {
        Matrix *T = mat_new(m, n);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                double acc = 0.0;
                for (int c = 0; c < kk; c++)
                    acc += MAT(U, i, c) * s[c] * MAT(V, j, c);
                MAT(T, i, j) = acc;
            }
        double tu = la_tol(big, s[0] / (s[kk - 1] - next)) * s[0];
        la_expect_mat_near(Ak, T, tu, "Ak", IDEA_EY);
        mat_free(T);
    }
    free(s);
    free(sk);
    mat_free(U);
    mat_free(V);
}

static void grade(const Matrix *A, int k)
{
    int rc;
    Matrix *Ak = run(A, k, &rc);
    if (rc != 0)
        la_fail("low_rank_approx returned %d for k = %d, expected 0: every k ≥ 0 has a best "
                "rank-k approximation (for k ≥ min(m, n) it is A itself)",
                rc, k);
    expect_best(A, k, Ak);
    mat_free(Ak);
}

static Matrix *with_svals(unsigned salt, int m, int n, const double *s)
{
    LaRng r = la_rng(salt);
    return la_mat_svals(&r, m, n, s);
}

/* ---- Core ----------------------------------------------------------------------------- */

LA_TEST(eckart_young_tall)
{
    double s[20];
    for (int i = 0; i < 20; i++)
        s[i] = 10.0 * pow(0.75, i);
    Matrix *A = with_svals(1, 30, 20, s);
    la_case("30×20 with σᵢ = 10·0.75ⁱ, k = 5: ‖A − A₅‖²_F = Σᵢ≥₅ σᵢ²");
    grade(A, 5);
    la_case("30×20 with σᵢ = 10·0.75ⁱ, k = 1: the best rank-one piece σ₀u₀v₀ᵀ");
    grade(A, 1);
    mat_free(A);
}

LA_TEST(picture_of_rank_three)
{
    /* a(i)·1ᵀ + b(i)·c(j) + 1·e(j): three rank-one layers, pixel values in 0…255 */
    int m = 16, n = 24;
    Matrix *A = mat_new(m, n);
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++)
            MAT(A, i, j) = 128.0 + 8.0 * i / 3.0 + 60.0 * sin(i / 3.0) * cos(j / 4.0) +
                           30.0 * cos(j / 2.0);
    la_case("16×24 picture 128 + 8i/3 + 60·sin(i/3)·cos(j/4) + 30·cos(j/2): exactly rank 3, "
            "so A₃ = A");
    grade(A, 3);
    la_case("the same 16×24 rank-3 picture, k = 2");
    grade(A, 2);
    mat_free(A);
}

LA_TEST(wide_and_every_k)
{
    LaRng r = la_rng(2);
    Matrix *A = la_mat_random(&r, 10, 25);
    static const int ks[] = { 4, 0, 10, 12 };
    static const char *what[] = { "k = 4", "k = 0: the zero matrix", "k = 10 = min(m, n): A itself",
                                  "k = 12 > min(m, n): still A itself" };
    for (int q = 0; q < 4; q++) {
        la_case("random wide 10×25 (work on Aᵀ, or mind the shapes), %s", what[q]);
        grade(A, ks[q]);
    }
    la_case("random wide 10×25, k = −1");
    int rc;
    Matrix *Ak = run(A, -1, &rc);
    if (rc != -1)
        la_fail("low_rank_approx returned %d for k = −1, expected -1: a rank cannot be "
                "negative",
                rc);
    mat_free(Ak);
    mat_free(A);
}

LA_TEST(psnr_known_values)
{
    static const double zeros[] = { 0, 0, 0, 0 }, ones[] = { 1, 1, 1, 1 };
    static const double a6[] = { 10, 20, 30, 40, 50, 60 }, b6[] = { 10, 20, 30, 40, 60, 60 };
    static const double a2[] = { 0.5, 1 }, b2[] = { 0.25, 1 };
    Matrix *A = la_mat(2, 2, zeros), *B = la_mat(2, 2, ones);
    Matrix *Ab = la_mat_copy(A), *Bb = la_mat_copy(B);
    la_case("A = 0 (2×2), B = all 1, peak 255: MSE = 1, PSNR = 10·log10(255²) = 48.1308… dB");
    double got = psnr(A, B, 255.0);
    la_expect_unchanged(A, Ab, "A");
    la_expect_unchanged(B, Bb, "B");
    if (fabs(got - 110.82527090316852) < 1e-9)
        la_fail("psnr = %.10g = 10·ln(255²): use log10 (decibels are tenths of a base-10 "
                "logarithm), not log, which is the natural logarithm",
                got);
    la_expect_near(got, 48.1308036086791, 1e-12, "psnr",
                   "PSNR = 10·log10(peak²/MSE) with MSE = (1/mn)·Σ(aᵢⱼ − bᵢⱼ)²");
    mat_free(A);
    mat_free(B);
    mat_free(Ab);
    mat_free(Bb);

    A = la_mat(2, 3, a6);
    B = la_mat(2, 3, b6);
    la_case("2×3 images that differ in one pixel by 10, peak 255: MSE = 100/6, PSNR = "
            "10·log10(255²·6/100) = 35.9123… dB");
    la_expect_near(psnr(A, B, 255.0), 35.91231611251554, 1e-12, "psnr",
                   "MSE is the *mean* of the squared differences over all m·n pixels (100/6 "
                   "here), not their sum");
    mat_free(A);
    mat_free(B);

    A = la_mat(1, 2, a2);
    B = la_mat(1, 2, b2);
    la_case("1×2 images (0.5, 1) and (0.25, 1) with peak 1 (pixels in [0, 1]): MSE = 1/32, "
            "PSNR = 10·log10(32) = 15.0515… dB");
    la_expect_near(psnr(A, B, 1.0), 15.051499783199061, 1e-12, "psnr",
                   "use the peak you are given: peak² = 1 here");
    la_case("identical 1×2 images: MSE = 0, PSNR = +INFINITY");
    got = psnr(A, A, 1.0);
    if (!(isinf(got) && got > 0))
        la_fail("psnr of identical images returned %g, expected +INFINITY (from <math.h>): "
                "MSE = 0, and there is no noise at all — test for it before dividing",
                got);
    mat_free(A);
    mat_free(B);
}

LA_TEST(compression_ratio_values)
{
    static const struct {
        int m, n, k;
        double want;
        const char *why;
    } cases[] = {
        { 512, 512, 20, 0.0782012939453125, "20·1025/262144: 7.8% of the numbers" },
        { 100, 50, 10, 0.302, "10·151/5000" },
        { 1, 1, 1, 3.0, "a 1×1 image stored as u, σ, v: 3 numbers for 1 — no saving" },
        { 60000, 40000, 50, 0.0020833541666666665,
          "50·100001/(2.4·10⁹): m·n = 2.4·10⁹ does not fit in an int (max ≈ 2.1·10⁹)" },
    };
    for (int c = 0; c < 4; c++) {
        la_case("compression_ratio(%d, %d, %d) = %s", cases[c].m, cases[c].n, cases[c].k,
                cases[c].why);
        double got = compression_ratio(cases[c].m, cases[c].n, cases[c].k);
        if (got == 0.0)
            la_fail("compression_ratio(%d, %d, %d) returned 0, expected %.10g: with ints, "
                    "k·(m + n + 1)/(m·n) is an integer division that rounds down to 0 — "
                    "convert to double before dividing (and before multiplying m·n)",
                    cases[c].m, cases[c].n, cases[c].k, cases[c].want);
        la_expect_near(got, cases[c].want, 4 * DBL_EPSILON * cases[c].want,
                       "compression_ratio",
                       "k(m + n + 1)/(mn): k columns of U (m numbers each), k of V (n each) "
                       "and k singular values, over the m·n pixels — computed in double");
    }
}

/* ---- Edge ----------------------------------------------------------------------------- */

LA_TEST(repeated_singular_value_at_the_cut)
{
    double s[12];
    static const double top[] = { 5, 3, 2, 2 };
    for (int i = 0; i < 12; i++)
        s[i] = i < 4 ? top[i] : pow(0.5, i - 4);
    Matrix *A = with_svals(3, 20, 12, s);
    la_case("20×12 with σ = 5, 3, 2, 2, 1, 0.5, …, k = 3: σ₂ = σ₃, so either direction of the "
            "σ = 2 plane may be kept — any best A₃ is right; ‖A − A₃‖²_F = 2² + 1² + 0.5² + …");
    grade(A, 3);
    mat_free(A);
}

LA_TEST(tiny_singular_values)
{
    LaRng r = la_rng(4);
    Matrix *A = la_mat_cond(&r, 20, 15, 1e12);
    la_case("20×15 with σ log-spaced from 1 down to 1e-12, k = 8: what is dropped is σ₈ ≈ 1.4e-7 "
            "and smaller — AᵀA would square those to ≈ 2e-14, lost in its rounding (ε·σ₀²)");
    grade(A, 8);
    la_case("20×15 with σ log-spaced from 1 down to 1e-12, k = 12");
    grade(A, 12);
    mat_free(A);
}

LA_TEST(psnr_rises_with_k)
{
    /* a smooth 24×20 "image" plus a little noise: PSNR(A, Aₖ) for k = 1…6 */
    LaRng r = la_rng(5);
    int m = 24, n = 20, p = 20;
    Matrix *A = mat_new(m, n);
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++)
            MAT(A, i, j) = 120.0 + 50.0 * sin(0.3 * i + 0.2 * j) + 30.0 * cos(0.5 * i * j / n) +
                           5.0 * la_normal(&r);
    double *s = vec(p), prev = -INFINITY;
    la_svd(A, s, NULL, NULL);
    for (int k = 1; k <= 6; k++) {
        double tail = 0.0;
        for (int i = k; i < p; i++)
            tail += s[i] * s[i];
        double want = 10.0 * log10(255.0 * 255.0 * m * n / tail);
        la_case("24×20 smooth image + noise (pixel values ≈ 40…200), k = %d: psnr(A, Aₖ, 255) = "
                "10·log10(255²·mn/Σᵢ≥ₖ σᵢ²) = %.6f dB (compression ratio %.3f)",
                k, want, k * (m + n + 1.0) / (m * n));
        int rc;
        Matrix *Ak = run(A, k, &rc);
        if (rc != 0)
            la_fail("low_rank_approx returned %d for k = %d, expected 0", rc, k);
        expect_best(A, k, Ak);
        double got = psnr(A, Ak, 255.0);
        la_expect_near(got, want, 1e-8, "psnr(A, Aₖ)",
                       "the MSE of the best rank-k approximation is Σᵢ≥ₖ σᵢ²/(mn), so PSNR "
                       "follows from the dropped singular values");
        if (!(got >= prev))
            la_fail("psnr(A, A%d) = %.6f dB is below psnr(A, A%d) = %.6f dB: keeping more "
                    "singular values can only bring Aₖ closer to A",
                    k, got, k - 1, prev);
        prev = got;
        mat_free(Ak);
    }
    free(s);
    mat_free(A);
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("low_rank_image");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, eckart_young_tall);
    tcase_add_test(core, picture_of_rank_three);
    tcase_add_test(core, wide_and_every_k);
    tcase_add_test(core, psnr_known_values);
    tcase_add_test(core, compression_ratio_values);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, repeated_singular_value_at_the_cut);
    tcase_add_test(edge, tiny_singular_values);
    tcase_add_test(edge, psnr_rises_with_k);
    return s;
}
