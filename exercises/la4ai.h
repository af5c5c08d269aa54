/*
 * la4ai.h — the one header every exercise stub includes.
 *
 * A Matrix is a rows×cols block of doubles stored row-major: entry (i, j) lives at
 * data[i*cols + j]. Use MAT(M, i, j) to read or write it. Every function below is one you
 * write yourself, in exercises/weekNN/<exercise>.c; `la4ai check <exercise>` grades it.
 *
 * Conventions used by every exercise:
 *   - output arguments are allocated by the caller with the shape the comment states;
 *   - inputs are never modified (they are const);
 *   - an int return is 0 on success and -1 when the problem has no (unique) answer.
 */
#ifndef LA4AI_H
#define LA4AI_H

#include <stddef.h>

typedef struct {
    int rows, cols;
    double *data; /* row-major, rows*cols entries */
} Matrix;

#define MAT(M, i, j) ((M)->data[(size_t)(i) * (M)->cols + (j)])

/* A new rows×cols matrix, zero-filled. Returns NULL if rows or cols < 0 or memory runs out.
   The caller owns it and frees it with mat_free. */
Matrix *mat_new(int rows, int cols);
/* Frees M and its data. mat_free(NULL) does nothing. */
void mat_free(Matrix *M);

/* ---------------------------------------------------------------- week 1 ------------- */

/* vec_basics (3Blue1Brown 1–3, 9): vectors are arrays of n doubles. */
double vec_dot(const double *x, const double *y, int n);           /* Σ xᵢyᵢ */
double vec_norm(const double *x, int n);                           /* ‖x‖₂ = √(x·x) */
void vec_axpy(double a, const double *x, double *y, int n);        /* y ← a·x + y */
double vec_angle(const double *x, const double *y, int n);         /* radians in [0, π];
                                                                      NAN if x or y is 0 */

/* matvec_views (18.06 L1): y = Ax for A m×n, x[n], y[m], computed two ways. */
void matvec_rows(const Matrix *A, const double *x, double *y);     /* yᵢ = (row i of A)·x */
void matvec_cols(const Matrix *A, const double *x, double *y);     /* y = Σⱼ xⱼ·(column j) */

/* gauss_solve (18.06 L2): solve Ax = b, A n×n, by elimination with partial pivoting and
   back substitution. A and b are left unchanged. Returns 0, or -1 if A is singular
   (no pivot larger than n·ε·max|aᵢⱼ| is left in a column). */
int gauss_solve(const Matrix *A, const double *b, double *x);

/* matmul_ways (18.06 L3): C = AB for A m×n, B n×p, C m×p (caller-allocated), four ways. */
void matmul_entry(const Matrix *A, const Matrix *B, Matrix *C);    /* cᵢⱼ = row i · col j */
void matmul_columns(const Matrix *A, const Matrix *B, Matrix *C);  /* col j of C = A·(col j of B) */
void matmul_rows(const Matrix *A, const Matrix *B, Matrix *C);     /* row i of C = (row i of A)·B */
void matmul_outer(const Matrix *A, const Matrix *B, Matrix *C);    /* C = Σₖ (col k of A)(row k of B) */

/* inverse_gauss_jordan (18.06 L3): Ainv (n×n) ← A⁻¹ by Gauss–Jordan on [A | I] with
   partial pivoting. Returns 0, or -1 if A is singular. */
int inverse_gauss_jordan(const Matrix *A, Matrix *Ainv);

/* determinant (18.06 L3, 3Blue1Brown 6): det A for A n×n by elimination — the product of
   the pivots, with a sign flip for every row exchange. Exactly 0.0 if a column has no
   usable pivot. */
double determinant(const Matrix *A);

/* transpose_sym (18.06 L5) */
void transpose(const Matrix *A, Matrix *At);                       /* At (n×m) ← Aᵀ */
void permute_rows(const int *perm, const Matrix *A, Matrix *PA);   /* row i of PA = row perm[i] of A */
void covariance(const Matrix *X, Matrix *C);   /* X n×d, one sample per row, n ≥ 2: C (d×d) ←
                                                  (X − mean)ᵀ(X − mean)/(n − 1) */
void gram(const Matrix *A, Matrix *G);         /* G (n×n) ← AᵀA for A m×n */
int is_symmetric(const Matrix *A, double tol); /* 1 if square and |aᵢⱼ − aⱼᵢ| ≤ tol for all i, j */

/* rref_nullspace (18.06 L6, L7). A numerical zero is |x| ≤ tol. */
/* R (m×n) ← the reduced row echelon form of A; pivots[k] ← the column of the k-th pivot
   (pivots has room for min(m, n) entries). Returns the rank r (the number of pivots). */
int rref(const Matrix *A, Matrix *R, int *pivots, double tol);
/* N is n×n (caller-allocated, zero-filled): its first n − r columns ← the special solutions
   of Ax = 0 (one per free column, with a 1 in that free column); the rest are left 0.
   Returns n − r, the dimension of the nullspace. */
int nullspace(const Matrix *A, Matrix *N, double tol);

/* ---------------------------------------------------------------- week 2 ------------- */

/* rank_basis (18.06 L9). tol < 0 means "choose it": max(m, n)·ε·max|aᵢⱼ|·(pivot growth),
   or any reasonable tolerance relative to the size of A. */
int numerical_rank(const Matrix *A, double tol);
/* B is m×n (caller-allocated): its first r columns ← a basis of C(A) made of columns of A
   (the pivot columns, in order); the rest are left 0. Returns r. */
int column_basis(const Matrix *A, Matrix *B, double tol);

/* four_subspaces (18.06 L10): for A m×n with rank r, fill bases as columns of
   Col (m×m) for C(A), Nul (n×n) for N(A), Row (n×n) for C(Aᵀ), Left (m×m) for N(Aᵀ):
   the first dims[k] columns of each hold the basis, the rest are left 0.
   dims ← {r, n − r, r, m − r}. Returns r. Any basis of the right subspace is accepted. */
int four_subspaces(const Matrix *A, Matrix *Col, Matrix *Nul, Matrix *Row, Matrix *Left,
                   int dims[4], double tol);

/* gram_schmidt (18.06 L14). A is m×n, m ≥ n. Q (m×n) and R (n×n) are allocated by the
   caller. A = QR, QᵀQ = I, R upper triangular with a positive diagonal. Returns 0, or -1 if
   a column depends (numerically) on the ones before it. */
int gram_schmidt(const Matrix *A, Matrix *Q, Matrix *R);

/* projection (18.06 L15). A is m×n with independent columns.
   P (m×m) ← A(AᵀA)⁻¹Aᵀ, the projection onto C(A). Returns 0, or -1 if AᵀA is singular. */
int projection_matrix(const Matrix *A, Matrix *P);
/* p[m] ← the projection of b onto C(A); e[m] ← b − p (which is ⟂ C(A)). 0 or -1 as above. */
int project(const Matrix *A, const double *b, double *p, double *e);

/* least squares three ways (18.06 L16). X is n×d, y has n entries, w receives d weights. */
/* Normal equations XᵀXw = Xᵀy. Return 0, or -1 if XᵀX is singular. */
int linreg_normal(const Matrix *X, const double *y, double *w);
/* X = QR, then solve Rw = Qᵀy by back substitution. Return 0, or -1 if X is rank-deficient. */
int linreg_qr(const Matrix *X, const double *y, double *w);
/* Start from w = 0; full-batch gradient Xᵀ(Xw − y)/n; `epochs` steps of size lr.
   Return 0, or -1 if the weights stop being finite (the step size is too large). */
int linreg_gd(const Matrix *X, const double *y, double *w, double lr, int epochs);

/* ---------------------------------------------------------------- week 3 ------------- */

/* eig_2x2 (18.06 L21): eigenvalues and unit eigenvectors of a symmetric 2×2 matrix (a
   covariance matrix, say) in closed form: λ = (a + d)/2 ± √(((a − d)/2)² + b²).
   lambda[0] ≥ lambda[1]; column k of V (2×2) is a unit eigenvector for lambda[k].
   Returns 0, or -1 if A is not 2×2 and symmetric (|b − c| > 1e-12·max|aᵢⱼ|). */
int eig_2x2(const Matrix *A, double lambda[2], Matrix *V);

/* power_iteration (18.06 L21): the dominant eigenpair of a symmetric A (n×n). v[n] holds the
   start vector on entry (not the zero vector) and the unit eigenvector on return. Iterate
   v ← Av/‖Av‖ until the Rayleigh quotient vᵀAv changes by less than tol·|λ| or max_iter
   steps. Returns λ = vᵀAv. */
double power_iteration(const Matrix *A, double *v, int max_iter, double tol);
/* The k eigenpairs of largest |λ| of a symmetric A, by power iteration and deflation
   (A ← A − λvvᵀ after each). lambda[k] by decreasing |λ|; columns of V (n×k) unit
   eigenvectors. Start vectors: any fixed non-zero choice. Returns 0 or -1. */
int top_eigs(const Matrix *A, int k, double *lambda, Matrix *V, int max_iter, double tol);

/* cholesky (18.06 L25): A = LLᵀ for a symmetric positive definite A (n×n); L (n×n) lower
   triangular with a positive diagonal (zeros above it). Returns 0, or -1 if A is not
   positive definite (a pivot ≤ 0 — or ≤ n·ε·max|aᵢᵢ| — turns up). */
int cholesky(const Matrix *A, Matrix *L);

/* eig_sym_jacobi (18.06 L25): every eigenpair of a symmetric A (n×n) by cyclic Jacobi
   rotations. lambda[n] in decreasing order; V (n×n) orthogonal, column k the eigenvector of
   lambda[k]; A = V·diag(λ)·Vᵀ. Returns 0, or -1 if A is not symmetric or sweeps run out. */
int eig_sym_jacobi(const Matrix *A, double *lambda, Matrix *V);

/* svd_jacobi (18.06 L29): thin SVD of A (m×n, m ≥ n): U m×n with orthonormal columns,
   S[n] descending and ≥ 0, V n×n orthogonal, A = U·diag(S)·Vᵀ. Caller allocates.
   Returns 0 or -1. */
int svd_jacobi(const Matrix *A, Matrix *U, double *S, Matrix *V);

/* ---------------------------------------------------------------- week 4 ------------- */

/* column_space_fit (18.065 L1): how well can A's columns (A m×n, any rank) produce b[m]?
   x[n] ← a least-squares solution (any one, if there are many); returns the distance
   ‖b − Ax‖ from b to the column space C(A). b ∈ C(A) when that distance is ≤ 1e-10·‖b‖. */
double column_space_fit(const Matrix *A, const double *b, double *x);

/* lu_factor (18.065 L2): PA = LU with partial pivoting for A n×n. L (n×n) unit lower
   triangular, U (n×n) upper triangular, perm[i] = the row of A that became row i.
   Returns 0, or -1 if A is singular. */
int lu_factor(const Matrix *A, Matrix *L, Matrix *U, int *perm);
/* Solves Ax = b with the factors of lu_factor: forward then back substitution. */
void lu_solve(const Matrix *L, const Matrix *U, const int *perm, const double *b, double *x);

/* truncated_svd (18.065 L6): the top k singular triplets of A (m×n) by block power
   (subspace) iteration on AᵀA with re-orthonormalisation, from a start block seeded by
   `seed`: U m×k and V n×k with orthonormal columns, S[k] descending, for `iters` rounds.
   Returns 0 or -1. */
int truncated_svd(const Matrix *A, int k, int iters, unsigned seed, Matrix *U, double *S,
                  Matrix *V);

/* pca (18.065 L7). X is n×d, one sample per row. */
/* Z (n×d) ← (X − mean)/std column by column; mean[d], std[d] (sample std, n − 1; a column
   with std 0 keeps std = 1). */
void standardize(const Matrix *X, Matrix *Z, double *mean, double *std);
/* PCA of the rows of X (n×d): mean[d]; components k×d (rows = unit principal directions,
   by decreasing variance); ratio[k] = explained-variance ratios. Returns 0 or -1. */
int pca_fit(const Matrix *X, int k, double *mean, Matrix *components, double *ratio);
/* Scores T (n×k) ← (X − mean)·componentsᵀ. */
void pca_transform(const Matrix *X, const double *mean, const Matrix *components, Matrix *T);
/* Xhat (n×d) ← T·components + mean: the rank-k reconstruction. */
void pca_reconstruct(const Matrix *T, const double *mean, const Matrix *components,
                     Matrix *Xhat);

/* low_rank_image (Checkpoint #2, project 1): Ak (m×n) ← the best rank-k approximation of A
   (Eckart–Young: keep the top k singular triplets). Returns 0 or -1. */
int low_rank_approx(const Matrix *A, int k, Matrix *Ak);
/* Peak signal-to-noise ratio in dB: 10·log10(peak² / MSE(A, B)); +INFINITY if equal. */
double psnr(const Matrix *A, const Matrix *B, double peak);
/* Numbers stored by a rank-k approximation of an m×n image over the numbers in the image:
   k(m + n + 1)/(mn). */
double compression_ratio(int m, int n, int k);

/* kmeans (Checkpoint #2, project 2): k-means++ seeded by `seed`, then Lloyd until
   assignments stop changing or max_iter. labels[n], centroids k×d; returns the final inertia
   (sum of squared distances), < 0 on error. */
double kmeans(const Matrix *X, int k, int max_iter, unsigned seed, int *labels,
              Matrix *centroids);

/* Recommenders (Checkpoint #2, project 3). A rating: user and item count from 0. */
typedef struct { int user, item; double value; } Rating;

/* mf_svd: fill the users×items matrix with the known ratings, each missing entry with
   μ + b_user + b_item (global mean plus biases), subtract that baseline, keep the rank-k
   SVD of the result, add the baseline back: Pred (users×items) ← the predictions.
   Returns 0 or -1. */
int mf_svd(const Rating *train, int ntrain, int users, int items, int k, Matrix *Pred);
/* Root-mean-square error of Pred on the ratings in test. */
double rmse(const Rating *test, int ntest, const Matrix *Pred);
/* nmf: V ≈ WH with W (m×k) ≥ 0 and H (k×n) ≥ 0 by Lee–Seung multiplicative updates for
   `iters` rounds, from a start seeded by `seed`. Mask (m×n, may be NULL) weights each entry
   (1 = observed, 0 = missing). V must be ≥ 0. Returns 0 or -1. */
int nmf(const Matrix *V, const Matrix *Mask, int k, int iters, unsigned seed, Matrix *W,
        Matrix *H);

#endif /* LA4AI_H */
