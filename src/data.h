/*
 * data.h — data-set loaders for labs and graders. This first part reads IDX files, the format
 * of MNIST and Fashion-MNIST, gzipped or plain, and finds Fashion-MNIST on disk.
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

#endif /* LA4AI_DATA_H */
