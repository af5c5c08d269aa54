/*
 * la4grade.h — the grader support library: what every graders/weekNN/ID/grader.c uses.
 *
 * Theory of operation. A grader is a Check suite built by `Suite *grader_suite(void)`; the
 * library supplies main(), which runs the suite in Check's fork mode (one child process per
 * test) and writes a TAP log that la4ai reads. Tests are written with LA_TEST(name) instead
 * of START_TEST: it marks the test's start (sanitizer reports of that test go to
 * san-<name>.log) and its end (a line in ends.log). la4ai only counts a test as passed if
 * Check says so *and* the end marker is there, so learner code that leaves the process early
 * (exit(0), _exit, a signal) can never pass.
 *
 * Everything here is independent of the learner's code: the reference checks (Householder
 * QR, LU, one-sided Jacobi SVD) are the "independent method" a learner's answer is compared
 * with. Failure messages teach: what was checked, expected vs got, where, by how much, the
 * tolerance, the idea to revisit, and the case (shape, condition number, seed).
 *
 * Legend: A is m×n; vectors are plain double arrays; all matrices are row-major (la4ai.h).
 */
#ifndef LA4GRADE_H
#define LA4GRADE_H

#include <check.h>
#include <stdint.h>
#include "la4ai.h"

/* The grader's entry point, defined by each grader.c. */
Suite *grader_suite(void);

/* ---- tests ------------------------------------------------------------------------------ */

/* LA_TEST(name) { body } defines a Check test `name` that records its start and end. */
#define LA_TEST(name)                                                                        \
    static void name##_body(void);                                                           \
    START_TEST(name) { la_test_begin(#name); name##_body(); la_test_end(#name); }            \
    END_TEST                                                                                 \
    static void name##_body(void)

void la_test_begin(const char *name);
void la_test_end(const char *name);

/* A test case in suite s with the per-test timeout la4ai chose (LA4AI_TEST_TIMEOUT seconds,
   default 5). Add tests to it with tcase_add_test. */
TCase *la_tcase(Suite *s, const char *name);

/* ---- reproducible randomness ------------------------------------------------------------ */

typedef struct { uint64_t s; } LaRng;

uint64_t la_seed(void);                   /* LA4AI_SEED, or 42: printed in every failure */
LaRng la_rng(unsigned salt);              /* a generator seeded from la_seed() and salt */
double la_unif(LaRng *r);                 /* uniform in [0, 1) */
double la_normal(LaRng *r);               /* standard normal */
int la_randint(LaRng *r, int lo, int hi); /* uniform integer in [lo, hi] */

/* ---- matrices the grader builds (caller frees each with mat_free) ------------------------ */

Matrix *la_mat(int m, int n, const double *rowmajor);  /* copy of a literal */
Matrix *la_mat_copy(const Matrix *A);
Matrix *la_mat_identity(int n);
Matrix *la_mat_random(LaRng *r, int m, int n);          /* N(0, 1) entries */
Matrix *la_mat_int(LaRng *r, int m, int n, int lo, int hi); /* small integers */
Matrix *la_mat_orthonormal(LaRng *r, int m, int n);     /* m ≥ n, QᵀQ = I */
Matrix *la_mat_svals(LaRng *r, int m, int n, const double *s); /* U·diag(s)·Vᵀ, min(m,n) s */
Matrix *la_mat_cond(LaRng *r, int m, int n, double kappa);    /* σ log-spaced from 1 to 1/κ */
Matrix *la_mat_rank(LaRng *r, int m, int n, int rank);  /* exactly rank `rank` (σ in [1, 2]) */
/* m×n of rank `rank` whose pivot columns, found left to right, are exactly piv[0] < piv[1]
   < …: well-conditioned columns (orthonormal·diag(2…1)); every other column a random
   combination of the pivot columns before it (zero if none); then noise·max|aᵢⱼ|·N(0, 1)
   added to every entry when noise > 0. Random rank-deficient matrices can hide a nearly
   dependent set of leading columns, making "the pivot columns" a coin toss; these cannot. */
Matrix *la_mat_pivots(LaRng *r, int m, int n, int rank, const int *piv, double noise);
Matrix *la_mat_mul(const Matrix *A, const Matrix *B);   /* AB */
Matrix *la_mat_tmul(const Matrix *A, const Matrix *B);  /* AᵀB */
Matrix *la_mat_transpose(const Matrix *A);
Matrix *la_mat_sub(const Matrix *A, const Matrix *B);   /* A − B */
Matrix *la_mat_cols(const Matrix *A, int k);            /* the first k columns of A */
double la_mat_norm(const Matrix *A);                    /* Frobenius norm */
double la_mat_maxabs(const Matrix *A);                  /* max |aᵢⱼ| */
void la_matvec(const Matrix *A, const double *x, double *y); /* y = Ax */
double la_vnorm(const double *x, int n);
void la_fill(double *x, int n, double v);               /* e.g. NaN: catches unwritten output */

/* ---- independent methods (the grader's own numerics) ------------------------------------ */

/* Thin QR by Householder reflections: Q m×n, R n×n with R's diagonal ≥ 0. m ≥ n. Caller
   allocates. Returns 0. */
int la_qr(const Matrix *A, Matrix *Q, Matrix *R);
/* Least squares min ‖Xw − y‖ via Householder QR. Returns 0, or -1 if X is rank-deficient. */
int la_lstsq(const Matrix *X, const double *y, double *w);
/* Solve Ax = b (A n×n) by LU with partial pivoting. Returns 0, or -1 if singular. */
int la_solve(const Matrix *A, const double *b, double *x);
double la_det(const Matrix *A);                         /* by LU */
/* Singular values of A (min(m,n) of them, descending) by one-sided Jacobi; caller allocates s.
   If U (m×k) / V (n×k) with k = min(m, n) are non-NULL they receive the singular vectors. */
int la_svd(const Matrix *A, double *s, Matrix *U, Matrix *V);
double la_cond(const Matrix *A);                         /* σ_max/σ_min (inf if singular) */
/* Numerical rank: singular values above tol; tol < 0 means max(m,n)·ε·σ_max·10. */
int la_rank(const Matrix *A, double tol);
/* Orthonormal basis (as columns) of C(A) and of N(A), from the SVD. Caller frees. The result
   has rank (resp. n − rank) columns; a 0-column result is a valid Matrix with cols = 0. */
Matrix *la_orth(const Matrix *A, double tol);
Matrix *la_null(const Matrix *A, double tol);

/* How far Q's columns are from orthonormal: the worst |(QᵀQ − I)ᵢⱼ| over i ≤ j (∞ for NaN),
   where it is (*wi, *wj) and the entry (QᵀQ)ᵢⱼ itself (*g). Graders word the message. */
double la_orthonormality(const Matrix *Q, int *wi, int *wj, double *g);

/* Subspace comparison that accepts every basis: the first k columns of B must be independent
   (checked by rank) and lie in the span of the orthonormal columns of Q. Returns the worst
   relative distance ‖b − QQᵀb‖/‖b‖ over those columns and its column in *worst. */
double la_outside(const Matrix *B, int k, const Matrix *Q, int *worst);

/* ---- teaching assertions ------------------------------------------------------------------ */

/* A tolerance that scales with the problem: 64·n·κ·ε, at least 1e-13. */
double la_tol(int n, double kappa);

/* Describe the current case (shape, condition number, …); it ends every failure message
   together with the seed. */
void la_case(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Fail the current test with a formatted message + the case and seed. Does not return. */
void la_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Each of these fails the test when the condition does not hold. `what` names the quantity
   ("x", "R", "QᵀQ"), `idea` says what to revisit. */
void la_expect_near(double got, double want, double tol, const char *what, const char *idea);
void la_expect_vec_near(const double *got, const double *want, int n, double tol,
                        const char *what, const char *idea);
void la_expect_mat_near(const Matrix *got, const Matrix *want, double tol, const char *what,
                        const char *idea);
void la_expect_int(int got, int want, const char *what, const char *idea);
void la_expect_finite(const double *x, int n, const char *what);
void la_expect_mat_finite(const Matrix *A, const char *what);
/* Least squares: each feature's contribution error ‖xⱼ‖·|wⱼ − cⱼ| against certified
   coefficients c (NIST StRD style) must be at most tol·‖(‖x₀‖c₀, …)‖ — scale-free, so a small
   coefficient (an intercept) neither hides behind a large one nor is asked for more digits
   than the data fix. `names` says what the coefficients are. d ≤ 16. */
void la_expect_certified(const Matrix *X, const double *w, const double *c, double tol,
                         const char *names, const char *idea);
/* Least squares: Xᵀ(y − Xw) = 0 relative to ‖X‖·‖y‖ — the residual is ⟂ every column. */
void la_expect_residual_orthogonal(const Matrix *X, const double *y, const double *w,
                                   double tol, const char *idea);

/* The learner's function must not change its inputs. */
void la_expect_unchanged(const Matrix *A, const Matrix *before, const char *name);
/* The same for a vector input `name` of function `fn`: x[n] against its copy before[n]. */
void la_expect_vec_unchanged(const double *x, const double *before, int n, const char *fn,
                             const char *name);

/* Formats a short preview of a matrix ("[[1, 2], [3, 4]]", elided when large) into buf. */
const char *la_fmt_mat(const Matrix *A, char *buf, size_t size);
const char *la_fmt_vec(const double *x, int n, char *buf, size_t size);

#endif /* LA4GRADE_H */
