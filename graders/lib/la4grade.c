/*
 * la4grade.c — the grader support library (see la4grade.h for the theory of operation).
 *
 * Numerics here are deliberately plain and well known — Householder QR, LU with partial
 * pivoting, one-sided (Hestenes) Jacobi SVD — so that a learner's answer is always compared
 * with a method other than the one she wrote.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include "la4grade.h"

#include <fcntl.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Sanitizer runtime hooks; present only when the learner's code is built with them. */
void __sanitizer_set_report_fd(void *fd) __attribute__((weak));

/* ---- matrices the learner's header promises ---------------------------------------------- */

Matrix *mat_new(int rows, int cols)
{
    if (rows < 0 || cols < 0)
        return NULL;
    Matrix *M = malloc(sizeof *M);
    if (!M)
        return NULL;
    size_t n = (size_t)rows * (size_t)cols;
    M->rows = rows;
    M->cols = cols;
    M->data = calloc(n ? n : 1, sizeof(double));
    if (!M->data) {
        free(M);
        return NULL;
    }
    return M;
}

void mat_free(Matrix *M)
{
    if (!M)
        return;
    free(M->data);
    free(M);
}

static Matrix *must_new(int m, int n)
{
    Matrix *M = mat_new(m, n);
    if (!M)
        la_fail("grader out of memory allocating a %d×%d matrix", m, n);
    return M;
}

/* ---- tests --------------------------------------------------------------------------------- */

static char current_case[512];
static char current_test[128];

void la_test_begin(const char *name)
{
    snprintf(current_test, sizeof current_test, "%s", name);
    current_case[0] = '\0';
    /* This test's stderr — sanitizer reports (AddressSanitizer's and UBSan's) and anything the
       learner prints there — goes to san-<name>.log, where la4ai reads it for this test. */
    char path[192];
    snprintf(path, sizeof path, "san-%s.log", name);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd >= 0) {
        fflush(stderr);
        dup2(fd, STDERR_FILENO);
        close(fd);
        if (__sanitizer_set_report_fd)
            __sanitizer_set_report_fd((void *)(intptr_t)STDERR_FILENO);
    }
}

void la_test_end(const char *name)
{
    int fd = open("ends.log", O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    char line[160];
    int len = snprintf(line, sizeof line, "%s\n", name);
    if (write(fd, line, (size_t)len) != len) {
        /* nothing useful to do: la4ai will report the test as not finished */
    }
    close(fd);
}

TCase *la_tcase(Suite *s, const char *name)
{
    TCase *tc = tcase_create(name);
    const char *t = getenv("LA4AI_TEST_TIMEOUT");
    double secs = t ? atof(t) : 5.0;
    tcase_set_timeout(tc, secs > 0 ? secs : 5.0);
    suite_add_tcase(s, tc);
    return tc;
}

/* ---- randomness: splitmix64 ----------------------------------------------------------------- */

uint64_t la_seed(void)
{
    const char *s = getenv("LA4AI_SEED");
    return s && *s ? strtoull(s, NULL, 10) : 42u;
}

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

LaRng la_rng(unsigned salt)
{
    LaRng r = { la_seed() * 0x100000001B3ull + salt };
    splitmix(&r.s);
    return r;
}

double la_unif(LaRng *r) { return (double)(splitmix(&r->s) >> 11) * 0x1.0p-53; }

double la_normal(LaRng *r)
{
    double u = la_unif(r), v = la_unif(r);
    if (u < 1e-300)
        u = 1e-300;
    return sqrt(-2.0 * log(u)) * cos(2.0 * M_PI * v);
}

int la_randint(LaRng *r, int lo, int hi)
{
    return lo + (int)(la_unif(r) * (double)(hi - lo + 1));
}

/* ---- building matrices ---------------------------------------------------------------------- */

Matrix *la_mat(int m, int n, const double *rowmajor)
{
    Matrix *M = must_new(m, n);
    memcpy(M->data, rowmajor, sizeof(double) * (size_t)m * (size_t)n);
    return M;
}

Matrix *la_mat_copy(const Matrix *A) { return la_mat(A->rows, A->cols, A->data); }

Matrix *la_mat_identity(int n)
{
    Matrix *I = must_new(n, n);
    for (int i = 0; i < n; i++)
        MAT(I, i, i) = 1.0;
    return I;
}

Matrix *la_mat_random(LaRng *r, int m, int n)
{
    Matrix *M = must_new(m, n);
    for (int i = 0; i < m * n; i++)
        M->data[i] = la_normal(r);
    return M;
}

Matrix *la_mat_int(LaRng *r, int m, int n, int lo, int hi)
{
    Matrix *M = must_new(m, n);
    for (int i = 0; i < m * n; i++)
        M->data[i] = la_randint(r, lo, hi);
    return M;
}

Matrix *la_mat_orthonormal(LaRng *r, int m, int n)
{
    Matrix *G = la_mat_random(r, m, n);
    Matrix *Q = must_new(m, n), *R = must_new(n, n);
    la_qr(G, Q, R);
    mat_free(G);
    mat_free(R);
    return Q;
}

Matrix *la_mat_svals(LaRng *r, int m, int n, const double *s)
{
    int k = m < n ? m : n;
    Matrix *U = la_mat_orthonormal(r, m, k), *V = la_mat_orthonormal(r, n, k);
    Matrix *A = must_new(m, n);
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            double acc = 0.0;
            for (int l = 0; l < k; l++)
                acc += MAT(U, i, l) * s[l] * MAT(V, j, l);
            MAT(A, i, j) = acc;
        }
    mat_free(U);
    mat_free(V);
    return A;
}

Matrix *la_mat_cond(LaRng *r, int m, int n, double kappa)
{
    int k = m < n ? m : n;
    double *s = malloc(sizeof(double) * (size_t)(k ? k : 1));
    for (int i = 0; i < k; i++)
        s[i] = k == 1 ? 1.0 : pow(kappa, -(double)i / (k - 1));
    Matrix *A = la_mat_svals(r, m, n, s);
    free(s);
    return A;
}

Matrix *la_mat_rank(LaRng *r, int m, int n, int rank)
{
    int k = m < n ? m : n;
    double *s = calloc((size_t)(k ? k : 1), sizeof(double));
    for (int i = 0; i < rank && i < k; i++)
        s[i] = 2.0 - (double)i / (rank > 1 ? rank - 1 : 1);
    Matrix *A = la_mat_svals(r, m, n, s);
    free(s);
    return A;
}

Matrix *la_mat_pivots(LaRng *r, int m, int n, int rank, const int *piv, double noise)
{
    Matrix *Q = la_mat_orthonormal(r, m, rank), *A = must_new(m, n);
    int k = 0; /* pivot columns placed so far */
    for (int j = 0; j < n; j++) {
        if (k < rank && piv[k] == j) {
            double scale = rank > 1 ? 2.0 - (double)k / (rank - 1) : 2.0;
            for (int i = 0; i < m; i++)
                MAT(A, i, j) = scale * MAT(Q, i, k);
            k++;
            continue;
        }
        for (int p = 0; p < k; p++) {
            double c = la_normal(r);
            for (int i = 0; i < m; i++)
                MAT(A, i, j) += c * MAT(A, i, piv[p]);
        }
    }
    if (noise > 0) {
        double amax = la_mat_maxabs(A);
        for (int i = 0; i < m * n; i++)
            A->data[i] += noise * amax * la_normal(r);
    }
    mat_free(Q);
    return A;
}

Matrix *la_mat_mul(const Matrix *A, const Matrix *B)
{
    Matrix *C = must_new(A->rows, B->cols);
    for (int i = 0; i < A->rows; i++)
        for (int k = 0; k < A->cols; k++) {
            double a = MAT(A, i, k);
            for (int j = 0; j < B->cols; j++)
                MAT(C, i, j) += a * MAT(B, k, j);
        }
    return C;
}

Matrix *la_mat_tmul(const Matrix *A, const Matrix *B)
{
    Matrix *C = must_new(A->cols, B->cols);
    for (int k = 0; k < A->rows; k++)
        for (int i = 0; i < A->cols; i++) {
            double a = MAT(A, k, i);
            for (int j = 0; j < B->cols; j++)
                MAT(C, i, j) += a * MAT(B, k, j);
        }
    return C;
}

Matrix *la_mat_transpose(const Matrix *A)
{
    Matrix *T = must_new(A->cols, A->rows);
    for (int i = 0; i < A->rows; i++)
        for (int j = 0; j < A->cols; j++)
            MAT(T, j, i) = MAT(A, i, j);
    return T;
}

Matrix *la_mat_sub(const Matrix *A, const Matrix *B)
{
    Matrix *C = la_mat_copy(A);
    for (int i = 0; i < A->rows * A->cols; i++)
        C->data[i] -= B->data[i];
    return C;
}

Matrix *la_mat_cols(const Matrix *A, int k)
{
    Matrix *C = must_new(A->rows, k);
    for (int i = 0; i < A->rows; i++)
        for (int j = 0; j < k; j++)
            MAT(C, i, j) = MAT(A, i, j);
    return C;
}

double la_mat_norm(const Matrix *A) { return la_vnorm(A->data, A->rows * A->cols); }

double la_mat_maxabs(const Matrix *A)
{
    double m = 0.0;
    for (int i = 0; i < A->rows * A->cols; i++)
        if (fabs(A->data[i]) > m)
            m = fabs(A->data[i]);
    return m;
}

void la_matvec(const Matrix *A, const double *x, double *y)
{
    for (int i = 0; i < A->rows; i++) {
        double acc = 0.0;
        for (int j = 0; j < A->cols; j++)
            acc += MAT(A, i, j) * x[j];
        y[i] = acc;
    }
}

double la_vnorm(const double *x, int n)
{
    double scale = 0.0, ssq = 1.0; /* overflow-safe, as LAPACK's dnrm2 */
    for (int i = 0; i < n; i++) {
        if (x[i] == 0.0)
            continue;
        double a = fabs(x[i]);
        if (scale < a) {
            ssq = 1.0 + ssq * (scale / a) * (scale / a);
            scale = a;
        } else {
            ssq += (a / scale) * (a / scale);
        }
    }
    return scale * sqrt(ssq);
}

void la_fill(double *x, int n, double v)
{
    for (int i = 0; i < n; i++)
        x[i] = v;
}

/* ---- independent methods -------------------------------------------------------------------- */

int la_qr(const Matrix *A, Matrix *Q, Matrix *R)
{
    int m = A->rows, n = A->cols;
    Matrix *W = la_mat_copy(A);     /* reflectors are applied in place */
    double *v = malloc(sizeof(double) * (size_t)m * (size_t)(n ? n : 1));
    double *beta = calloc((size_t)(n ? n : 1), sizeof(double));
    for (int k = 0; k < n && k < m; k++) {
        double norm = 0.0;
        for (int i = k; i < m; i++)
            norm = hypot(norm, MAT(W, i, k));
        double *vk = v + (size_t)k * m;
        for (int i = 0; i < m; i++)
            vk[i] = i < k ? 0.0 : MAT(W, i, k);
        double alpha = MAT(W, k, k) >= 0 ? -norm : norm;
        vk[k] -= alpha;
        double vv = 0.0;
        for (int i = k; i < m; i++)
            vv += vk[i] * vk[i];
        beta[k] = vv > 0 ? 2.0 / vv : 0.0;
        for (int j = k; j < n; j++) { /* W ← (I − β v vᵀ) W */
            double d = 0.0;
            for (int i = k; i < m; i++)
                d += vk[i] * MAT(W, i, j);
            d *= beta[k];
            for (int i = k; i < m; i++)
                MAT(W, i, j) -= d * vk[i];
        }
    }
    for (int i = 0; i < n; i++) /* R = upper part of W; Q = H₀…Hₙ₋₁ applied to I's columns */
        for (int j = 0; j < n; j++)
            MAT(R, i, j) = j >= i ? MAT(W, i, j) : 0.0;
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++)
            MAT(Q, i, j) = i == j ? 1.0 : 0.0;
    for (int k = (n < m ? n : m) - 1; k >= 0; k--) {
        double *vk = v + (size_t)k * m;
        for (int j = 0; j < n; j++) {
            double d = 0.0;
            for (int i = k; i < m; i++)
                d += vk[i] * MAT(Q, i, j);
            d *= beta[k];
            for (int i = k; i < m; i++)
                MAT(Q, i, j) -= d * vk[i];
        }
    }
    for (int k = 0; k < n; k++) /* make R's diagonal non-negative */
        if (MAT(R, k, k) < 0) {
            for (int j = 0; j < n; j++)
                MAT(R, k, j) = -MAT(R, k, j);
            for (int i = 0; i < m; i++)
                MAT(Q, i, k) = -MAT(Q, i, k);
        }
    free(v);
    free(beta);
    mat_free(W);
    return 0;
}

int la_lstsq(const Matrix *X, const double *y, double *w)
{
    int n = X->rows, d = X->cols;
    Matrix *Q = must_new(n, d), *R = must_new(d, d);
    la_qr(X, Q, R);
    double rmax = 0.0;
    for (int k = 0; k < d; k++)
        rmax = fmax(rmax, fabs(MAT(R, k, k)));
    int rc = 0;
    for (int k = d - 1; k >= 0; k--) {
        double acc = 0.0;
        for (int i = 0; i < n; i++)
            acc += MAT(Q, i, k) * y[i];
        for (int j = k + 1; j < d; j++)
            acc -= MAT(R, k, j) * w[j];
        if (fabs(MAT(R, k, k)) <= rmax * DBL_EPSILON * (n > d ? n : d)) {
            rc = -1;
            w[k] = 0.0;
        } else {
            w[k] = acc / MAT(R, k, k);
        }
    }
    mat_free(Q);
    mat_free(R);
    return rc;
}

/* LU with partial pivoting in place on a copy; returns the copy, fills perm and sign. */
static Matrix *lu(const Matrix *A, int *perm, int *sign, int *singular)
{
    int n = A->rows;
    Matrix *L = la_mat_copy(A);
    double tol = n * DBL_EPSILON * la_mat_maxabs(A);
    *sign = 1;
    *singular = 0;
    for (int i = 0; i < n; i++)
        perm[i] = i;
    for (int k = 0; k < n; k++) {
        int p = k;
        for (int i = k + 1; i < n; i++)
            if (fabs(MAT(L, i, k)) > fabs(MAT(L, p, k)))
                p = i;
        if (fabs(MAT(L, p, k)) <= tol) {
            *singular = 1;
            continue;
        }
        if (p != k) {
            for (int j = 0; j < n; j++) {
                double t = MAT(L, k, j);
                MAT(L, k, j) = MAT(L, p, j);
                MAT(L, p, j) = t;
            }
            int t = perm[k];
            perm[k] = perm[p];
            perm[p] = t;
            *sign = -*sign;
        }
        for (int i = k + 1; i < n; i++) {
            double f = MAT(L, i, k) / MAT(L, k, k);
            MAT(L, i, k) = f;
            for (int j = k + 1; j < n; j++)
                MAT(L, i, j) -= f * MAT(L, k, j);
        }
    }
    return L;
}

int la_solve(const Matrix *A, const double *b, double *x)
{
    int n = A->rows, sign, singular;
    int *perm = malloc(sizeof(int) * (size_t)(n ? n : 1));
    Matrix *L = lu(A, perm, &sign, &singular);
    if (!singular) {
        for (int i = 0; i < n; i++) { /* forward: Lz = Pb */
            double acc = b[perm[i]];
            for (int j = 0; j < i; j++)
                acc -= MAT(L, i, j) * x[j];
            x[i] = acc;
        }
        for (int i = n - 1; i >= 0; i--) { /* back: Ux = z */
            double acc = x[i];
            for (int j = i + 1; j < n; j++)
                acc -= MAT(L, i, j) * x[j];
            x[i] = acc / MAT(L, i, i);
        }
    }
    free(perm);
    mat_free(L);
    return singular ? -1 : 0;
}

double la_det(const Matrix *A)
{
    int n = A->rows, sign, singular;
    int *perm = malloc(sizeof(int) * (size_t)(n ? n : 1));
    Matrix *L = lu(A, perm, &sign, &singular);
    double d = sign;
    for (int i = 0; i < n; i++)
        d *= MAT(L, i, i);
    free(perm);
    mat_free(L);
    return singular ? 0.0 : d;
}

/* One-sided Jacobi on the columns of W (m×n, m ≥ n); V accumulates the rotations. */
static void jacobi_columns(Matrix *W, Matrix *V)
{
    int m = W->rows, n = W->cols;
    for (int sweep = 0; sweep < 60; sweep++) {
        int rotated = 0;
        for (int p = 0; p < n - 1; p++)
            for (int q = p + 1; q < n; q++) {
                double a = 0, b = 0, g = 0;
                for (int i = 0; i < m; i++) {
                    a += MAT(W, i, p) * MAT(W, i, p);
                    b += MAT(W, i, q) * MAT(W, i, q);
                    g += MAT(W, i, p) * MAT(W, i, q);
                }
                if (fabs(g) <= DBL_EPSILON * sqrt(a * b) || g == 0.0)
                    continue;
                rotated = 1;
                double zeta = (b - a) / (2.0 * g);
                double t = (zeta >= 0 ? 1.0 : -1.0) / (fabs(zeta) + sqrt(1.0 + zeta * zeta));
                double c = 1.0 / sqrt(1.0 + t * t), s = c * t;
                for (int i = 0; i < m; i++) {
                    double wp = MAT(W, i, p), wq = MAT(W, i, q);
                    MAT(W, i, p) = c * wp - s * wq;
                    MAT(W, i, q) = s * wp + c * wq;
                }
                for (int i = 0; i < n; i++) {
                    double vp = MAT(V, i, p), vq = MAT(V, i, q);
                    MAT(V, i, p) = c * vp - s * vq;
                    MAT(V, i, q) = s * vp + c * vq;
                }
            }
        if (!rotated)
            break;
    }
}

int la_svd(const Matrix *A, double *s, Matrix *U, Matrix *V)
{
    int tall = A->rows >= A->cols;
    Matrix *W = tall ? la_mat_copy(A) : la_mat_transpose(A); /* W is p×k, p ≥ k */
    int p = W->rows, k = W->cols;
    Matrix *R = la_mat_identity(k);
    jacobi_columns(W, R);
    int *order = malloc(sizeof(int) * (size_t)(k ? k : 1));
    double *norms = malloc(sizeof(double) * (size_t)(k ? k : 1));
    for (int j = 0; j < k; j++) {
        double col[p > 0 ? p : 1];
        for (int i = 0; i < p; i++)
            col[i] = MAT(W, i, j);
        norms[j] = la_vnorm(col, p);
        order[j] = j;
    }
    for (int a = 1; a < k; a++) /* insertion sort, descending */
        for (int b = a; b > 0 && norms[order[b]] > norms[order[b - 1]]; b--) {
            int t = order[b];
            order[b] = order[b - 1];
            order[b - 1] = t;
        }
    Matrix *left = tall ? U : V, *right = tall ? V : U; /* W's side, R's side */
    for (int j = 0; j < k; j++) {
        int o = order[j];
        s[j] = norms[o];
        if (left)
            for (int i = 0; i < p; i++)
                MAT(left, i, j) = norms[o] > 0 ? MAT(W, i, o) / norms[o] : 0.0;
        if (right)
            for (int i = 0; i < k; i++)
                MAT(right, i, j) = MAT(R, i, o);
    }
    free(order);
    free(norms);
    mat_free(W);
    mat_free(R);
    return 0;
}

static double *svals(const Matrix *A, int *k)
{
    *k = A->rows < A->cols ? A->rows : A->cols;
    double *s = malloc(sizeof(double) * (size_t)(*k ? *k : 1));
    la_svd(A, s, NULL, NULL);
    return s;
}

double la_cond(const Matrix *A)
{
    int k;
    double *s = svals(A, &k);
    double c = k == 0 ? 1.0 : (s[k - 1] > 0 ? s[0] / s[k - 1] : INFINITY);
    free(s);
    return c;
}

static double rank_tol(const Matrix *A, double smax, double tol)
{
    int mn = A->rows > A->cols ? A->rows : A->cols;
    return tol >= 0 ? tol : 10.0 * mn * DBL_EPSILON * smax;
}

int la_rank(const Matrix *A, double tol)
{
    int k, r = 0;
    double *s = svals(A, &k);
    double t = rank_tol(A, k ? s[0] : 0.0, tol);
    for (int i = 0; i < k; i++)
        r += s[i] > t;
    free(s);
    return r;
}

Matrix *la_orth(const Matrix *A, double tol)
{
    int m = A->rows, n = A->cols, k = m < n ? m : n, r = 0;
    double *s = malloc(sizeof(double) * (size_t)(k ? k : 1));
    Matrix *U = must_new(m, k);
    la_svd(A, s, U, NULL);
    double t = rank_tol(A, k ? s[0] : 0.0, tol);
    while (r < k && s[r] > t)
        r++;
    Matrix *B = la_mat_cols(U, r);
    free(s);
    mat_free(U);
    return B;
}

/* Orthonormal basis of the orthogonal complement of the orthonormal columns of Q (n×r):
   Gram–Schmidt (twice) of the standard basis vectors, keeping the largest residuals. */
static Matrix *complement(const Matrix *Q)
{
    int n = Q->rows, r = Q->cols, got = 0;
    Matrix *C = must_new(n, n - r);
    double *v = malloc(sizeof(double) * (size_t)(n ? n : 1));
    char *used = calloc((size_t)(n ? n : 1), 1);
    while (got < n - r) {
        int best = -1;
        double bestnorm = -1.0;
        for (int e = 0; e < n; e++) { /* the unused eᵢ farthest from what we have */
            if (used[e])
                continue;
            double res = 1.0;
            for (int j = 0; j < r; j++)
                res -= MAT(Q, e, j) * MAT(Q, e, j);
            for (int j = 0; j < got; j++)
                res -= MAT(C, e, j) * MAT(C, e, j);
            if (res > bestnorm) {
                bestnorm = res;
                best = e;
            }
        }
        if (best < 0)
            break; /* not reached: there are n − r unused vectors left */
        used[best] = 1;
        for (int i = 0; i < n; i++)
            v[i] = i == best ? 1.0 : 0.0;
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < r; j++) {
                double d = 0;
                for (int i = 0; i < n; i++)
                    d += MAT(Q, i, j) * v[i];
                for (int i = 0; i < n; i++)
                    v[i] -= d * MAT(Q, i, j);
            }
            for (int j = 0; j < got; j++) {
                double d = 0;
                for (int i = 0; i < n; i++)
                    d += MAT(C, i, j) * v[i];
                for (int i = 0; i < n; i++)
                    v[i] -= d * MAT(C, i, j);
            }
        }
        double nv = la_vnorm(v, n);
        for (int i = 0; i < n; i++)
            MAT(C, i, got) = v[i] / nv;
        got++;
    }
    free(v);
    free(used);
    return C;
}

Matrix *la_null(const Matrix *A, double tol)
{
    Matrix *At = la_mat_transpose(A);
    Matrix *RowBasis = la_orth(At, tol);
    Matrix *N = complement(RowBasis);
    mat_free(At);
    mat_free(RowBasis);
    return N;
}

double la_orthonormality(const Matrix *Q, int *wi, int *wj, double *g)
{
    Matrix *G = la_mat_tmul(Q, Q);
    int n = Q->cols;
    double worst = -1.0;
    *wi = *wj = 0;
    for (int i = 0; i < n; i++)
        for (int j = i; j < n; j++) {
            double d = fabs(MAT(G, i, j) - (i == j ? 1.0 : 0.0));
            if (isnan(d))
                d = INFINITY;
            if (d > worst) {
                worst = d;
                *wi = i;
                *wj = j;
            }
        }
    *g = n ? MAT(G, *wi, *wj) : 1.0;
    mat_free(G);
    return worst < 0 ? 0.0 : worst;
}

double la_outside(const Matrix *B, int k, const Matrix *Q, int *worst)
{
    int m = B->rows;
    double worstval = 0.0;
    double *b = malloc(sizeof(double) * (size_t)(m ? m : 1));
    if (worst)
        *worst = -1;
    for (int j = 0; j < k; j++) {
        for (int i = 0; i < m; i++)
            b[i] = MAT(B, i, j);
        double nb = la_vnorm(b, m);
        if (nb == 0.0) {
            if (worst)
                *worst = j;
            worstval = INFINITY;
            break;
        }
        for (int pass = 0; pass < 2; pass++)
            for (int c = 0; c < Q->cols; c++) {
                double d = 0;
                for (int i = 0; i < m; i++)
                    d += MAT(Q, i, c) * b[i];
                for (int i = 0; i < m; i++)
                    b[i] -= d * MAT(Q, i, c);
            }
        double rel = la_vnorm(b, m) / nb;
        if (rel > worstval || isnan(rel)) {
            worstval = rel;
            if (worst)
                *worst = j;
        }
    }
    free(b);
    return worstval;
}

/* ---- teaching assertions -------------------------------------------------------------------- */

double la_tol(int n, double kappa)
{
    double t = 64.0 * (n > 0 ? n : 1) * (kappa > 1 ? kappa : 1) * DBL_EPSILON;
    return t > 1e-13 ? t : 1e-13;
}

void la_case(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(current_case, sizeof current_case, fmt, ap);
    va_end(ap);
}

void la_fail(const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    for (char *p = msg; *p; p++) /* one line: the TAP log is line-based */
        if (*p == '\n')
            *p = ' ';
    if (!current_test[0]) { /* outside a test (a lab): say it and end this process */
        fprintf(stderr, "la4ai: %s\n", msg);
        fflush(stderr);
        _exit(3);
    }
    if (current_case[0])
        ck_abort_msg("%s [case: %s; seed %llu]", msg, current_case,
                     (unsigned long long)la_seed());
    else
        ck_abort_msg("%s [seed %llu]", msg, (unsigned long long)la_seed());
    abort(); /* not reached: ck_abort_msg ends the test */
}

static int bad(double got, double want, double tol)
{
    return isnan(got) != isnan(want) || (!isnan(got) && !(fabs(got - want) <= tol));
}

void la_expect_near(double got, double want, double tol, const char *what, const char *idea)
{
    if (bad(got, want, tol))
        la_fail("%s: expected %.10g, got %.10g (|Δ| = %.2e, tolerance %.1e). Revisit: %s", what,
                want, got, fabs(got - want), tol, idea);
}

void la_expect_vec_near(const double *got, const double *want, int n, double tol,
                        const char *what, const char *idea)
{
    int at = -1, count = 0;
    double worst = -1;
    for (int i = 0; i < n; i++)
        if (bad(got[i], want[i], tol)) {
            count++;
            double d = isnan(got[i]) ? INFINITY : fabs(got[i] - want[i]);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
    if (at >= 0) {
        char bw[256], bg[256];
        la_fail("%s[%d]: expected %.10g, got %.10g (|Δ| = %.2e, tolerance %.1e; %d of %d "
                "entries off). Expected %s, got %s. Revisit: %s",
                what, at, want[at], got[at], worst, tol, count, n,
                la_fmt_vec(want, n, bw, sizeof bw), la_fmt_vec(got, n, bg, sizeof bg), idea);
    }
}

void la_expect_mat_near(const Matrix *got, const Matrix *want, double tol, const char *what,
                        const char *idea)
{
    if (got->rows != want->rows || got->cols != want->cols)
        la_fail("%s has shape %d×%d, expected %d×%d", what, got->rows, got->cols, want->rows,
                want->cols);
    int ai = -1, aj = -1, count = 0;
    double worst = -1;
    for (int i = 0; i < got->rows; i++)
        for (int j = 0; j < got->cols; j++) {
            double g = MAT(got, i, j), w = MAT(want, i, j);
            if (bad(g, w, tol)) {
                count++;
                double d = isnan(g) ? INFINITY : fabs(g - w);
                if (d > worst) {
                    worst = d;
                    ai = i;
                    aj = j;
                }
            }
        }
    if (ai >= 0) {
        char bw[256], bg[256];
        la_fail("%s(%d,%d): expected %.10g, got %.10g (|Δ| = %.2e, tolerance %.1e; %d of %d "
                "entries off). Expected %s, got %s. Revisit: %s",
                what, ai, aj, MAT(want, ai, aj), MAT(got, ai, aj), worst, tol, count,
                got->rows * got->cols, la_fmt_mat(want, bw, sizeof bw),
                la_fmt_mat(got, bg, sizeof bg), idea);
    }
}

void la_expect_int(int got, int want, const char *what, const char *idea)
{
    if (got != want)
        la_fail("%s: expected %d, got %d. Revisit: %s", what, want, got, idea);
}

void la_expect_finite(const double *x, int n, const char *what)
{
    for (int i = 0; i < n; i++)
        if (!isfinite(x[i]))
            la_fail("%s[%d] is %g: every entry should be a finite number — is something left "
                    "unwritten, or divided by zero?",
                    what, i, x[i]);
}

void la_expect_mat_finite(const Matrix *A, const char *what)
{
    for (int i = 0; i < A->rows; i++)
        for (int j = 0; j < A->cols; j++)
            if (!isfinite(MAT(A, i, j)))
                la_fail("%s(%d,%d) is %g: every entry should be a finite number — is something "
                        "left unwritten, or divided by zero?",
                        what, i, j, MAT(A, i, j));
}

void la_expect_certified(const Matrix *X, const double *w, const double *c, double tol,
                         const char *names, const char *idea)
{
    int n = X->rows, d = X->cols;
    double nx[16], fit = 0.0;
    for (int j = 0; j < d && j < 16; j++) { /* ‖xⱼ‖ and the size of the certified fit */
        nx[j] = 0.0;
        for (int i = 0; i < n; i++)
            nx[j] = hypot(nx[j], MAT(X, i, j));
        fit = hypot(fit, nx[j] * c[j]);
    }
    la_expect_finite(w, d, "w");
    for (int j = 0; j < d && j < 16; j++) {
        double rel = nx[j] * fabs(w[j] - c[j]) / fit;
        if (!(rel <= tol))
            la_fail("w[%d] = %.15g, but the certified value is %.15g (%s): off by %.2e, which "
                    "is %.2e of the fit (‖x%d‖·|Δw%d| / ‖fitted contributions‖; tolerance %.1e). "
                    "Revisit: %s",
                    j, w[j], c[j], names, fabs(w[j] - c[j]), rel, j, j, tol, idea);
    }
}

void la_expect_residual_orthogonal(const Matrix *X, const double *y, const double *w,
                                   double tol, const char *idea)
{
    int n = X->rows, d = X->cols, wk = 0;
    double *r = malloc(sizeof(double) * (size_t)(n ? n : 1)), worst = 0.0;
    la_matvec(X, w, r);
    for (int i = 0; i < n; i++) /* r = y − Xw */
        r[i] = y[i] - r[i];
    for (int k = 0; k < d; k++) { /* the worst (column k)·r */
        double acc = 0.0;
        for (int i = 0; i < n; i++)
            acc += MAT(X, i, k) * r[i];
        if (fabs(acc) > worst || isnan(acc)) {
            worst = isnan(acc) ? INFINITY : fabs(acc);
            wk = k;
        }
    }
    free(r);
    double scale = la_mat_norm(X) * la_vnorm(y, n);
    if (!(worst <= tol * scale))
        la_fail("the residual y − Xw is not perpendicular to feature %d: (column %d of X)·(y − "
                "Xw) = %.3g, relative %.2e (tolerance %.1e). At the least-squares w the "
                "residual is ⟂ every column of X — Xᵀ(y − Xw) = 0 is exactly XᵀXw = Xᵀy. "
                "Revisit: %s",
                wk, wk, worst, worst / scale, tol, idea);
}

void la_expect_unchanged(const Matrix *A, const Matrix *before, const char *name)
{
    for (int i = 0; i < A->rows * A->cols; i++)
        if (A->data[i] != before->data[i] && !(isnan(A->data[i]) && isnan(before->data[i])))
            la_fail("your function changed its input %s at (%d,%d) from %g to %g; inputs are "
                    "const — work on a copy",
                    name, i / A->cols, i % A->cols, before->data[i], A->data[i]);
}

void la_expect_vec_unchanged(const double *x, const double *before, int n, const char *fn,
                             const char *name)
{
    for (int i = 0; i < n; i++)
        if (x[i] != before[i] && !(isnan(x[i]) && isnan(before[i])))
            la_fail("%s changed its input %s[%d] from %g to %g: %s is const — work on a copy",
                    fn, name, i, before[i], x[i], name);
}

const char *la_fmt_vec(const double *x, int n, char *buf, size_t size)
{
    size_t len = (size_t)snprintf(buf, size, "[");
    for (int i = 0; i < n && len < size; i++) {
        const char *sep = i ? ", " : "";
        if (n > 8 && i == 6) { /* show the first six and the last */
            len += (size_t)snprintf(buf + len, size - len, ", …");
            i = n - 1;
        }
        if (len < size)
            len += (size_t)snprintf(buf + len, size - len, "%s%.4g", sep, x[i]);
    }
    if (len < size)
        snprintf(buf + len, size - len, "]");
    return buf;
}

const char *la_fmt_mat(const Matrix *A, char *buf, size_t size)
{
    if (A->rows > 4 || A->cols > 4) {
        snprintf(buf, size, "(%d×%d matrix)", A->rows, A->cols);
        return buf;
    }
    size_t len = (size_t)snprintf(buf, size, "[");
    for (int i = 0; i < A->rows && len < size; i++) {
        char row[128];
        la_fmt_vec(&MAT(A, i, 0), A->cols, row, sizeof row);
        len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? ", " : "", row);
    }
    if (len < size)
        snprintf(buf + len, size - len, "]");
    return buf;
}
