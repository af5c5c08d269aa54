/*
 * data.h — data-set loaders for labs and graders: IDX files (MNIST, Fashion-MNIST), the Mall
 * Customers CSV and MovieLens 100K's u.data, seeded generators that stand in for the last two
 * when they are not on disk, a train/test split, and the search for all of them on disk.
 * No curses here.
 *
 * IDX in one paragraph: a big-endian header — a 4-byte magic number 0x0000TTDD, where TT is
 * the element type (0x08 = unsigned byte) and DD the number of dimensions, then DD 4-byte
 * sizes — followed by the elements in row-major order. Images are 0x00000803 (count, rows,
 * cols, then count·rows·cols pixels 0–255, 0 = background); labels are 0x00000801 (count,
 * then count bytes).
 *
 * Every loader returns 0, or -1 with a sentence in err that starts with the path and names
 * the cause (missing file, wrong magic, truncated header or data, absurd dimensions, corrupt
 * gzip stream). On failure *out is left empty ({0}), so freeing it is always safe.
 */
#ifndef LA4AI_DATA_H
#define LA4AI_DATA_H

#include <stddef.h>
#include <stdint.h>

/* The loaders refuse a file whose header promises more than this many bytes of elements. */
#define DATA_MAX_BYTES 1000000000L

typedef struct {
    int count, rows, cols;
    unsigned char *pixels;   /* count×rows×cols, row-major: image k, pixel (i, j) is
                                pixels[(k*rows + i)*cols + j]; NULL when count is 0 */
} DataImages;

typedef struct {
    int count;
    unsigned char *labels;   /* count entries; NULL when count is 0 */
} DataLabels;

/* Loads the images of an IDX file (magic 0x00000803), read through zlib so a .gz file and a
   plain one both work. max_count > 0 loads only the first max_count images (fewer if the
   file has fewer); max_count ≤ 0 loads them all. On success *out owns a malloc'd pixel
   block; release it with data_images_free. Returns 0, or -1 with err filled. */
int data_load_idx_images(const char *path, int max_count, DataImages *out, char *err,
                         size_t errlen);

/* Loads the labels of an IDX file (magic 0x00000801); max_count as above. Release with
   data_labels_free. Returns 0, or -1 with err filled. */
int data_load_idx_labels(const char *path, int max_count, DataLabels *out, char *err,
                         size_t errlen);

/* Free what a loader filled and reset *d to empty. NULL and empty are fine. */
void data_images_free(DataImages *d);
void data_labels_free(DataLabels *d);

/* The four files of an MNIST-style folder. */
typedef enum {
    DATA_TRAIN_IMAGES, DATA_TRAIN_LABELS, DATA_TEST_IMAGES, DATA_TEST_LABELS, DATA_IDX_FILES
} DataIdxFile;

/* The file's base name without extension, e.g. "t10k-labels-idx1-ubyte" (static string). */
const char *data_idx_name(DataIdxFile f);

/* buf ← "dir/NAME.gz" if that file exists, else "dir/NAME" (the uncompressed file).
   Returns 0, or -1 if neither exists or buf is too small; buf then holds the .gz path, for
   an error message. */
int data_idx_path(const char *dir, DataIdxFile f, char *buf, size_t size);

/* The folder that holds Fashion-MNIST: $LA4AI_DATA_DIR/fashion-mnist if it has all four
   files, else /usr/share/datasets/fashion-mnist (Debian's dataset-fashion-mnist package) if
   it has them, else NULL. The string is a static buffer, valid until the next call. */
const char *data_fashion_mnist_dir(void);

/* ---- text data sets: common rules --------------------------------------------------------
 * The text loaders read the whole file through zlib (so a .gz copy works too), accept a
 * UTF-8 byte-order mark and CRLF line ends, skip blank lines, and refuse anything else that
 * is off. Their errors read "PATH:LINE:COLUMN: what is wrong" — COLUMN counts bytes from 1
 * and points at the field — or "PATH: what is wrong" for the file as a whole (missing,
 * empty, too big). A last line without its newline is accepted when complete and reported
 * as truncated when fields are missing. On failure *out is left empty ({0}).
 */

/* ---- Mall Customers ---------------------------------------------------------------------- */

/* Mall_Customers.csv (Kaggle, "Mall Customer Segmentation Data"): a header row
     CustomerID,Gender,Age,Annual Income (k$),Spending Score (1-100)
   (the original spelling "Genre" for Gender is accepted; names are matched ignoring case),
   then one customer a row: a whole CustomerID ≥ 1, Male or Female (any case; M and F too),
   an age 0–150, an income ≥ 0 in k$, a spending score 1–100. Fields may be double-quoted. */
typedef struct {
    int n;            /* customers */
    int *id;          /* CustomerID, as in the file */
    int *gender;      /* 0 = Male, 1 = Female */
    double *age;      /* years */
    double *income;   /* annual income, k$ */
    double *score;    /* spending score, 1–100 */
} DataMall;

/* Loads a Mall Customers CSV. On success *out owns five malloc'd arrays of n entries;
   release them with data_mall_free. Returns 0, or -1 with err filled. */
int data_load_mall(const char *path, DataMall *out, char *err, size_t errlen);
void data_mall_free(DataMall *d);

/* The generated stand-in: DATA_MALL_N customers in DATA_MALL_K segments of (income, score)
   modelled on the five groups that k-means finds in the real data. Each segment draws income
   and score from normal distributions truncated to its own box (the boxes do not overlap, so
   the segments are separable), age from a normal truncated to 18–70, gender with its own
   share of women; all values are whole numbers like the real file's. Rows are then sorted
   by income, as in the real file, and numbered 1…200. k-means on standardized (income,
   score) finds the segments again: 199 or 200 of the 200 customers in their own cluster.
   (mean, sd) are those of the normal before it is cut to the box:
     segment                        n   income k$ (mean, sd)  score (mean, sd)  age      women
     0 low income, low score        23  15–39   (26, 7)       1–40   (20, 10)   45 ± 13  61%
     1 low income, high score       22  15–39   (25, 7)       60–99  (79, 10)   25 ± 5.5 59%
     2 middle income, middle score  81  40–70   (55, 9)       35–60  (50, 6)    43 ± 14  59%
     3 high income, low score       35  71–137  (88, 16)      1–39   (17, 10)   41 ± 11  46%
     4 high income, high score      39  71–137  (87, 16)      61–99  (82, 9)    33 ± 3.7 54% */
#define DATA_MALL_N 200
#define DATA_MALL_K 5

typedef struct {
    const char *name;                    /* "low income, high score" */
    int count;                           /* customers in the segment */
    double income_lo, income_hi, income_mean, income_sd;   /* k$ */
    double score_lo, score_hi, score_mean, score_sd;
    double age_mean, age_sd;             /* before truncation to 18–70 */
    double female;                       /* the chance that a customer is a woman */
} DataMallSegment;

/* Segment c (0…DATA_MALL_K−1) of the table above, or NULL. Static. */
const DataMallSegment *data_mall_segment(int c);

/* *out ← the DATA_MALL_N customers generated from seed (the same seed, the same customers).
   Release with data_mall_free. Returns 0, or -1 if memory runs out. */
int data_mall_generate(uint64_t seed, DataMall *out);

/* segment[r] ← the segment (0…DATA_MALL_K−1) that generated row r of data_mall_generate(seed),
   for r < DATA_MALL_N: the true clusters. Returns 0. */
int data_mall_segments(uint64_t seed, int *segment);

/* ---- ratings: MovieLens 100K --------------------------------------------------------------- */

/* A set of ratings, one per (user, item) pair, ids counting from 0. */
typedef struct {
    int n;              /* ratings */
    int users, items;   /* the rating matrix is users×items: 1 + the largest id in use (a
                           loaded file) or the generator's shape */
    int *user, *item;   /* n ids each, from 0 */
    double *value;      /* n ratings: whole stars 1–5 */
} DataRatings;

/* Loads MovieLens 100K's u.data: one rating a line, "user id TAB item id TAB rating TAB
   timestamp" (runs of tabs or spaces both separate), ids counting from 1 in the file and from
   0 in memory, ratings whole numbers 1–5, timestamps whole numbers ≥ 0 (checked, then
   dropped). A (user, item) pair rated twice is an error naming both lines. Release with
   data_ratings_free. Returns 0, or -1 with err filled. */
int data_load_movielens(const char *path, DataRatings *out, char *err, size_t errlen);
void data_ratings_free(DataRatings *d);

/* The generated stand-in, with MovieLens 100K's shape: DATA_ML_RATINGS ratings by DATA_ML_USERS
   users of DATA_ML_ITEMS items, every user with at least DATA_ML_MIN_PER_USER, every item
   with at least one, no (user, item) pair twice. Rating matrix 6% full, like the real one.
     - how many each user rates: 20 + a log-normal share of the rest (heavy-tailed, at most
       700 in all — the real maximum is 737), summing to exactly 100 000;
     - which items: first every item gets one rating, from a user drawn in proportion to how
       much she rates; the rest are drawn without repeats with probability
       ∝ e^(−(p/1100)⁴)/(p + 20), where p is the item's popularity rank (a random order of
       the items): Zipf-like — the top item gets about 620 ratings, the median one about 29,
       160–190 items just one (the real data: 583, 27, 141);
     - the rating: 3.4 + b_u + b_i + p_u·q_i + noise, rounded to whole stars and clipped to
       1–5, with b_u ~ N(0, 0.5²), b_i ~ N(0, 0.5²) + 0.3·(1 − 2p/(items − 1)) (popular items
       are liked a little more), p_u, q_i ∈ ℝ⁵ whose product has standard deviation 0.7 (the
       low-rank tastes), noise ~ N(0, 0.8²). The stars come out with mean ≈ 3.5, standard
       deviation ≈ 1.15, and 5/15/28/29/23% of ones…fives (the real data: 3.53, 1.13,
       6/11/27/34/21%);
     - the ratings come in a shuffled order, like u.data's.
   Release with data_ratings_free. Returns 0, or -1 if memory runs out. */
#define DATA_ML_USERS 943
#define DATA_ML_ITEMS 1682
#define DATA_ML_RATINGS 100000
#define DATA_ML_MIN_PER_USER 20
int data_movielens_generate(uint64_t seed, DataRatings *out);

/* A seeded random split: *test ← round(test_fraction·n) ratings of all, chosen uniformly
   (the same seed, the same split), *train ← the others; each keeps the order of `all`, and
   both keep all's users and items. Every rating lands in exactly one of them. test_fraction
   must be in [0, 1]. Release both with data_ratings_free. Returns 0, or -1 (a bad fraction,
   or memory runs out; then both are left empty). */
int data_ratings_split(const DataRatings *all, double test_fraction, uint64_t seed,
                       DataRatings *train, DataRatings *test);

/* ---- which data sets are on disk ---------------------------------------------------------- */

/* One known data set, for `la4ai data status`. All strings are static; path points into a
   static buffer that is valid until the next data_find (or finder) call. */
typedef struct {
    const char *name;         /* "mall" */
    const char *description;  /* what it is, one line */
    const char *looked_in;    /* where it is looked for, e.g. "$LA4AI_DATA_DIR/mall/…" */
    const char *path;         /* the file or folder found — the real data is in use — or NULL */
    const char *substitute;   /* what the labs use instead when path is NULL */
} DataSet;

#define DATA_SETS 3

/* Fills table[0 … min(max, DATA_SETS) − 1] with the data sets the course knows —
   fashion-mnist, mall, ml-100k, in that order — and returns DATA_SETS. */
int data_find(DataSet *table, int max);

/* $LA4AI_DATA_DIR/mall/Mall_Customers.csv if it is readable, else NULL (static buffer). */
const char *data_mall_path(void);
/* $LA4AI_DATA_DIR/ml-100k/u.data if it is readable, else NULL (static buffer). */
const char *data_movielens_path(void);

#endif /* LA4AI_DATA_H */
