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
/* R (m×n) ← the reduced row echelon form of A; pivots[k] ← the column of the k-th pivot.
   Returns the rank r (the number of pivots). */
int rref(const Matrix *A, Matrix *R, int *pivots, double tol);
/* N is n×n (caller-allocated): its first n − r columns ← the special solutions of Ax = 0
   (one per free column, with a 1 in that free column); the rest are left 0.
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

#endif /* LA4AI_H */
