/*
 * vec_basics/grader.c — grades vec_dot, vec_norm, vec_axpy and vec_angle.
 *
 * Known answers a learner can check by hand, then properties on seeded random vectors of
 * lengths 1 to 60: the dot product against the grader's own sum, ‖cx‖ = |c|‖x‖, axpy against
 * a direct update, the angle against Kahan's atan2 formula θ = 2·atan2(‖x̂ − ŷ‖, ‖x̂ + ŷ‖),
 * which needs no acos and so is an independent method. Edge cases: n = 1, parallel and
 * antiparallel vectors (where an unclamped acos returns NaN) and zero vectors (NAN).
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "la4grade.h"

static const double PI = 3.14159265358979323846;

static const char *IDEA_DOT = "the dot product multiplies matching entries and adds them all: "
                              "x·y = x₀y₀ + x₁y₁ + … + xₙ₋₁yₙ₋₁ (3Blue1Brown 9)";
static const char *IDEA_NORM = "the length is the square root of the dot product of x with "
                               "itself: ‖x‖ = √(x·x) (3Blue1Brown 1, 9)";
static const char *IDEA_AXPY = "axpy adds a·xᵢ to each yᵢ in place (y ← a·x + y): y keeps "
                               "its old value and gains a·x (3Blue1Brown 1: scaling and adding)";
static const char *IDEA_ANGLE = "cos θ = x·y/(‖x‖‖y‖), then θ = acos(cos θ), in radians "
                                "(3Blue1Brown 9)";

/* n doubles from N(0, 1); the caller frees. */
static double *rand_vec(LaRng *r, int n)
{
    double *x = malloc(sizeof(double) * (size_t)n);
    for (int i = 0; i < n; i++)
        x[i] = la_normal(r);
    return x;
}

static double *copy_vec(const double *x, int n)
{
    double *c = malloc(sizeof(double) * (size_t)n);
    memcpy(c, x, sizeof(double) * (size_t)n);
    return c;
}

/* Inputs are const: a vector is a 1×n matrix for la_expect_unchanged. */
static void expect_vec_unchanged(const double *x, const double *before, int n, const char *name)
{
    Matrix X = { 1, n, (double *)x }, B = { 1, n, (double *)before };
    la_expect_unchanged(&X, &B, name);
}

/* The grader's own angle: Kahan's θ = 2·atan2(‖x̂ − ŷ‖, ‖x̂ + ŷ‖), accurate for every θ. */
static double kahan_angle(const double *x, const double *y, int n)
{
    double nx = la_vnorm(x, n), ny = la_vnorm(y, n);
    double *d = malloc(sizeof(double) * (size_t)n), *s = malloc(sizeof(double) * (size_t)n);
    for (int i = 0; i < n; i++) {
        d[i] = x[i] / nx - y[i] / ny;
        s[i] = x[i] / nx + y[i] / ny;
    }
    double t = 2.0 * atan2(la_vnorm(d, n), la_vnorm(s, n));
    free(d);
    free(s);
    return t;
}

/* ---- dot ------------------------------------------------------------------------------- */

LA_TEST(dot_known_answers)
{
    static const struct { int n; double x[3], y[3], want; const char *label; } cases[] = {
        { 3, { 1, 2, 3 }, { 4, -5, 6 }, 12, "(1,2,3)·(4,−5,6) = 4 − 10 + 18" },
        { 2, { 3, 4 }, { 3, 4 }, 25, "(3,4)·(3,4) = ‖(3,4)‖²" },
        { 1, { -7 }, { 2 }, -14, "n = 1: (−7)·(2)" },
        { 2, { 1, 1 }, { 1, -1 }, 0, "(1,1)·(1,−1): perpendicular vectors" },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        la_case("%s", cases[c].label);
        double got = vec_dot(cases[c].x, cases[c].y, cases[c].n);
        la_expect_near(got, cases[c].want, 1e-13, "vec_dot", IDEA_DOT);
    }
}

LA_TEST(dot_random_vectors)
{
    static const int sizes[] = { 1, 2, 5, 17, 60 };
    LaRng r = la_rng(11);
    for (size_t c = 0; c < sizeof sizes / sizeof sizes[0]; c++) {
        int n = sizes[c];
        la_case("random x, y of length %d", n);
        double *x = rand_vec(&r, n), *y = rand_vec(&r, n);
        double *x0 = copy_vec(x, n), *y0 = copy_vec(y, n);
        double want = 0.0, scale = 0.0; // the grader's own sum and Σ|xᵢyᵢ| for the tolerance
        for (int i = 0; i < n; i++) {
            want += x[i] * y[i];
            scale += fabs(x[i] * y[i]);
        }
        double got = vec_dot(x, y, n);
        la_expect_near(got, want, la_tol(n, 1) * scale, "vec_dot(x, y)", IDEA_DOT);
        la_expect_near(vec_dot(y, x, n), want, la_tol(n, 1) * scale,
                       "vec_dot(y, x) (the dot product is symmetric)", IDEA_DOT);
        expect_vec_unchanged(x, x0, n, "x");
        expect_vec_unchanged(y, y0, n, "y");
        free(x), free(y), free(x0), free(y0);
    }
}

/* ---- norm ------------------------------------------------------------------------------ */

LA_TEST(norm_known_answers)
{
    static const struct { int n; double x[4], want; const char *label; } cases[] = {
        { 2, { 3, 4 }, 5, "‖(3,4)‖ = √(9 + 16)" },
        { 3, { 1, -2, 2 }, 3, "‖(1,−2,2)‖ = √9" },
        { 1, { -7 }, 7, "n = 1: ‖(−7)‖ = |−7|" },
        { 4, { 0.5, 0.5, 0.5, 0.5 }, 1, "a unit vector (½,½,½,½)" },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        la_case("%s", cases[c].label);
        la_expect_near(vec_norm(cases[c].x, cases[c].n), cases[c].want, 1e-13, "vec_norm",
                       IDEA_NORM);
    }
}

LA_TEST(norm_random_and_scaling)
{
    static const int sizes[] = { 1, 3, 10, 60 };
    LaRng r = la_rng(12);
    for (size_t c = 0; c < sizeof sizes / sizeof sizes[0]; c++) {
        int n = sizes[c];
        la_case("random x of length %d; also ‖−3x‖ = 3‖x‖", n);
        double *x = rand_vec(&r, n), *x0 = copy_vec(x, n);
        double want = la_vnorm(x, n);
        la_expect_near(vec_norm(x, n), want, la_tol(n, 1) * want, "vec_norm(x)", IDEA_NORM);
        expect_vec_unchanged(x, x0, n, "x");
        for (int i = 0; i < n; i++)
            x[i] *= -3.0;
        la_expect_near(vec_norm(x, n), 3.0 * want, la_tol(n, 1) * 3.0 * want,
                       "vec_norm(−3x) (scaling x by c scales its length by |c|)", IDEA_NORM);
        free(x), free(x0);
    }
}

/* ---- axpy ------------------------------------------------------------------------------ */

LA_TEST(axpy_known_answers)
{
    double x[3] = { 1, 2, 3 }, y[3] = { 10, 20, 30 };
    const double x0[3] = { 1, 2, 3 }, want[3] = { 12, 24, 36 };
    la_case("a = 2, x = (1,2,3), y = (10,20,30): y ← 2x + y");
    vec_axpy(2.0, x, y, 3);
    la_expect_vec_near(y, want, 3, 1e-13, "y", IDEA_AXPY);
    expect_vec_unchanged(x, x0, 3, "x");

    double u[1] = { 4 }, v[1] = { 1 };
    const double want1[1] = { -1 };
    la_case("n = 1: a = −0.5, x = (4), y = (1)");
    vec_axpy(-0.5, u, v, 1);
    la_expect_vec_near(v, want1, 1, 1e-13, "y", IDEA_AXPY);

    double p[2] = { 2, -1 }, q[2] = { 2, -1 };
    const double zero[2] = { 0, 0 };
    la_case("a = −1, y = x: y ← −x + x, which is the zero vector");
    vec_axpy(-1.0, p, q, 2);
    la_expect_vec_near(q, zero, 2, 1e-13, "y", IDEA_AXPY);
}

LA_TEST(axpy_random_vectors)
{
    static const int sizes[] = { 1, 4, 25, 60 };
    LaRng r = la_rng(13);
    for (size_t c = 0; c < sizeof sizes / sizeof sizes[0]; c++) {
        int n = sizes[c];
        double a = 4.0 * la_unif(&r) - 2.0;
        la_case("random x, y of length %d, a = %.6g", n, a);
        double *x = rand_vec(&r, n), *y = rand_vec(&r, n);
        double *x0 = copy_vec(x, n), *want = copy_vec(y, n);
        for (int i = 0; i < n; i++)
            want[i] += a * x[i];
        vec_axpy(a, x, y, n);
        la_expect_vec_near(y, want, n, la_tol(n, 1) * (fabs(a) + 1.0) * 4.0, "y", IDEA_AXPY);
        expect_vec_unchanged(x, x0, n, "x");
        free(x), free(y), free(x0), free(want);
    }
}

/* ---- angle ----------------------------------------------------------------------------- */

LA_TEST(angle_known_answers)
{
    static const struct { int n; double x[3], y[3], want; const char *label; } cases[] = {
        { 2, { 1, 0 }, { 0, 1 }, PI / 2, "(1,0) and (0,1): a right angle, π/2" },
        { 2, { 1, 0 }, { 1, 1 }, PI / 4, "(1,0) and (1,1): π/4" },
        { 3, { 1, 1, 0 }, { 0, 1, 1 }, PI / 3, "(1,1,0) and (0,1,1): cos θ = 1/2, θ = π/3" },
        { 2, { 2, 0 }, { -1, 1.7320508075688772 }, 2 * PI / 3, "(2,0) and (−1,√3): 2π/3" },
        { 1, { 3 }, { -2 }, PI, "n = 1: (3) and (−2) point opposite ways, π" },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        la_case("%s", cases[c].label);
        la_expect_near(vec_angle(cases[c].x, cases[c].y, cases[c].n), cases[c].want, 1e-12,
                       "vec_angle (radians)", IDEA_ANGLE);
    }
}

LA_TEST(angle_random_vectors)
{
    static const int sizes[] = { 2, 3, 8, 60 };
    LaRng r = la_rng(14);
    for (size_t c = 0; c < sizeof sizes / sizeof sizes[0]; c++)
        for (int rep = 0; rep < 3; rep++) {
            int n = sizes[c];
            la_case("random x, y of length %d (trial %d)", n, rep + 1);
            double *x = rand_vec(&r, n), *y = rand_vec(&r, n);
            double *x0 = copy_vec(x, n), *y0 = copy_vec(y, n);
            double want = kahan_angle(x, y, n);
            double tol = la_tol(n, 1.0 / sin(want)); // acos amplifies rounding by 1/sin θ
            la_expect_near(vec_angle(x, y, n), want, tol, "vec_angle(x, y) (radians)",
                           IDEA_ANGLE);
            expect_vec_unchanged(x, x0, n, "x");
            expect_vec_unchanged(y, y0, n, "y");
            free(x), free(y), free(x0), free(y0);
        }
}

/* Parallel vectors: x·y/(‖x‖‖y‖) is 1 in exact arithmetic but often 1 + 2⁻⁵² in floating
   point, and acos(1.0000000000000002) is NaN. Many random trials make sure some hit that. */
LA_TEST(angle_parallel_vectors_clamped)
{
    static const double scales[] = { 3.0, -0.5, 7.25, -2.0 };
    LaRng r = la_rng(15);
    for (int trial = 0; trial < 200; trial++) {
        int n = 2 + trial % 9;
        double c = scales[trial % 4];
        la_case("random x of length %d, y = %g·x (trial %d)", n, c, trial + 1);
        double *x = rand_vec(&r, n), *y = copy_vec(x, n);
        for (int i = 0; i < n; i++)
            y[i] *= c;
        double want = c > 0 ? 0.0 : PI;
        // near θ = 0 or π, acos turns a rounding error δ in cos θ into √(2δ): allow that
        double tol = 4.0 * sqrt(n * DBL_EPSILON);
        double got = vec_angle(x, y, n);
        la_expect_near(got, want, tol, "vec_angle(x, c·x)",
                       isnan(got) ? "x and c·x are parallel (θ = 0) or antiparallel (θ = π). "
                                    "Rounding can make x·y/(‖x‖‖y‖) a hair above 1 or below "
                                    "−1, where acos gives NaN: clamp it into [−1, 1] first"
                                  : "x and c·x are parallel (θ = 0) or antiparallel (θ = π); "
                                    "cos θ = x·y/(‖x‖‖y‖) should come out as ±1 here");
        free(x), free(y);
    }
}

LA_TEST(angle_of_zero_vector_is_nan)
{
    const double x[3] = { 1, 2, 3 }, zero[3] = { 0, 0, 0 };
    const char *idea = "the zero vector has no direction, so there is no angle: check ‖x‖ and "
                       "‖y‖ first and return NAN (from <math.h>) if either is 0";
    la_case("x = (1,2,3), y = (0,0,0)");
    double got = vec_angle(x, zero, 3);
    if (!isnan(got))
        la_fail("vec_angle(x, 0) should be NAN, got %.10g. Revisit: %s", got, idea);
    la_case("x = (0,0,0), y = (1,2,3)");
    got = vec_angle(zero, x, 3);
    if (!isnan(got))
        la_fail("vec_angle(0, y) should be NAN, got %.10g. Revisit: %s", got, idea);
    la_case("both zero, n = 1");
    got = vec_angle(zero, zero, 1);
    if (!isnan(got))
        la_fail("vec_angle(0, 0) should be NAN, got %.10g. Revisit: %s", got, idea);
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("vec_basics");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, dot_known_answers);
    tcase_add_test(core, dot_random_vectors);
    tcase_add_test(core, norm_known_answers);
    tcase_add_test(core, norm_random_and_scaling);
    tcase_add_test(core, axpy_known_answers);
    tcase_add_test(core, axpy_random_vectors);
    tcase_add_test(core, angle_known_answers);
    tcase_add_test(core, angle_random_vectors);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, angle_parallel_vectors_clamped);
    TCase *errors = la_tcase(s, "Errors");
    tcase_add_test(errors, angle_of_zero_vector_is_nan);
    return s;
}
