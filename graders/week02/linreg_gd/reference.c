/*
 * reference.c — linreg_gd (week 2, Coding Checkpoint #1 part 1): the reference solution.
 *
 * Least squares by full-batch gradient descent on the mean squared error
 *   L(w) = ‖Xw − y‖² / (2n),   ∇L(w) = Xᵀ(Xw − y) / n
 * starting from w = 0 and taking `epochs` steps  w ← w − lr·∇L(w). Each step uses all n
 * samples and the gradient at the current w. The iteration converges to the least-squares w
 * when 0 < lr < 2/λmax(XᵀX/n); with a larger step it grows geometrically, and we return -1
 * as soon as a weight stops being a finite number.
 *
 * Legend: X is n×d (n samples, d features); r = Xw − y (n residuals); g = ∇L(w) (d).
 */
#include <math.h>
#include <stdlib.h>

#include "la4ai.h"

int linreg_gd(const Matrix *X, const double *y, double *w, double lr, int epochs)
{
    int n = X->rows, d = X->cols;
    double *r = malloc(sizeof(double) * (size_t)(n > 0 ? n : 1));
    double *g = malloc(sizeof(double) * (size_t)(d > 0 ? d : 1));
    if (!r || !g) {
        free(r);
        free(g);
        return -1;
    }
    for (int k = 0; k < d; k++)
        w[k] = 0.0;
    int rc = 0;
    for (int epoch = 0; epoch < epochs && rc == 0; epoch++) {
        // r = Xw − y, the residual of every sample at the current w
        for (int i = 0; i < n; i++) {
            double acc = -y[i];
            for (int k = 0; k < d; k++)
                acc += MAT(X, i, k) * w[k];
            r[i] = acc;
        }
        // g = Xᵀr / n, the gradient of ‖Xw − y‖²/(2n)
        for (int k = 0; k < d; k++) {
            double acc = 0.0;
            for (int i = 0; i < n; i++)
                acc += MAT(X, i, k) * r[i];
            g[k] = acc / n;
        }
        // one step downhill; stop if the weights blew up
        for (int k = 0; k < d; k++) {
            w[k] -= lr * g[k];
            if (!isfinite(w[k]))
                rc = -1;
        }
    }
    free(r);
    free(g);
    return rc;
}
