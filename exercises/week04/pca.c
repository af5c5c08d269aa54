/*
 * pca.c — week 4, "Eckart–Young and PCA".
 * Watch: MIT 18.065 Lecture 7 (Strang, 2018): the closest rank-k matrix; PCA as the
 * directions of largest variance, which are also the best rank-k fit to the data.
 * This is what scikit-learn's StandardScaler and PCA(n_components=k) do inside.
 *
 * X is n×d: one sample per row, one feature per column. Four functions:
 *
 * standardize(X, Z, mean, std): mean[d] ← the mean of each column; std[d] ← its sample
 *   standard deviation √(Σ(x − mean)²/(n − 1)); Z (n×d) ← (X − mean)/std, column by column.
 *   A constant column (every entry the same) has std 0: give it std = 1, so its Z column is 0.
 *   Test "constant" directly — the std of ten copies of 0.1 comes out near 1e-17, not 0.
 *
 * pca_fit(X, k, mean, components, ratio): mean[d] ← the column means; components (k×d,
 *   zero-filled by the caller) ← the first k principal directions as unit rows, by decreasing
 *   variance; ratio[k] ← the share of the total variance along each one. Plan:
 *     1. centre: Xc = X − mean (each column);
 *     2. covariance C = XcᵀXc/(n − 1), d×d and symmetric (as in your week-1 covariance);
 *     3. its eigenvectors are the principal directions and its eigenvalues λ the variances
 *        along them: find them all with Jacobi rotations as in eig_sym_jacobi (copy yours in
 *        as a static helper), sort by decreasing λ, and copy the top k eigenvectors into the
 *        rows of components;
 *     4. ratio[i] = λᵢ/(λ₀ + … + λ_{d−1}) = λᵢ/trace C — over all d variances, not just k.
 *   (An eigenvector's sign is arbitrary: either sign is accepted.) Return -1 if k is not in
 *   1…d, n < 2, or the data has no variance — every row the same (test that directly, as for
 *   a constant column) — else 0.
 *
 * pca_transform(X, mean, components, T): the scores T (n×k) ← (X − mean)·componentsᵀ — each
 *   sample's coordinates along the k directions (k = components->rows).
 *
 * pca_reconstruct(T, mean, components, Xhat): Xhat (n×d) ← T·components + mean, the data
 *   rebuilt from k numbers per sample. With k = d it is X again; with k < d it is the best
 *   rank-k approximation (centred), missing exactly the variance that was left out.
 *
 * Don't modify the inputs. Check it: la4ai check pca
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "la4ai.h"

void standardize(const Matrix *X, Matrix *Z, double *mean, double *std)
{
    (void)X;
    (void)Z;
    (void)mean;
    (void)std;
    /* TODO: column means, sample standard deviations, Z = (X − mean)/std */
}

int pca_fit(const Matrix *X, int k, double *mean, Matrix *components, double *ratio)
{
    (void)X;
    (void)k;
    (void)mean;
    (void)components;
    (void)ratio;
    /* TODO: centre, covariance, eigenvectors by decreasing eigenvalue, ratios */
    return -1;
}

void pca_transform(const Matrix *X, const double *mean, const Matrix *components, Matrix *T)
{
    (void)X;
    (void)mean;
    (void)components;
    (void)T;
    /* TODO: T = (X − mean)·componentsᵀ */
}

void pca_reconstruct(const Matrix *T, const double *mean, const Matrix *components,
                     Matrix *Xhat)
{
    (void)T;
    (void)mean;
    (void)components;
    (void)Xhat;
    /* TODO: Xhat = T·components + mean */
}
