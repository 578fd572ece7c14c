#ifndef GRPSUP_TEXT_H
#define GRPSUP_TEXT_H

#include <stddef.h>
#include <string.h>

/*
 * A value quoted in a message is cut at TEXT_CLIP_MAX bytes, "..." marking
 * the cut, so that a 100 KB value cannot push the message's hint out of its
 * line: "'%.*s%s'" with TEXT_CLIP(value).
 */
#define TEXT_CLIP_MAX 64
#define TEXT_CLIP(s) TEXT_CLIP_MAX, (s), \
	(strlen(s) > TEXT_CLIP_MAX ? "..." : "")

/*
 * text_visible: replace, in the len bytes of s, each control byte but the
 * tab (and DEL) with '?', so that what a user typed or a file held cannot
 * move a terminal's cursor when grpsup quotes it in a message.
 */
void text_visible(char *s, size_t len);

/*
 * text_skip_bom: when *s begins with a UTF-8 byte-order mark (EF BB BF, as
 * Windows editors write), step *s past it and return 1; else 0.
 */
int text_skip_bom(char **s);

/*
 * text_fail: the formatted message into why (of size len), cut to fit, for a
 * caller that reports a one-line reason. Returns -1, so that a parser can
 * return text_fail(...) for its error.
 */
int text_fail(char *why, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* text_alike: a and b are alike once case, '_' and '-' are set aside. */
int text_alike(const char *a, const char *b);
/*
 * text_near: the edit distance of a and b (a swap of two letters is one
 * edit), or 3 when it is more than 2.
 */
int text_near(const char *a, const char *b);
/*
 * text_nearest: the index of the entry of list (n of them) that word most
 * likely meant (alike, or one edit away for a word of 3 to 6 bytes, two
 * for a longer one), or -1: for "did you mean" hints.
 */
int text_nearest(const char *word, const char *const *list, size_t n);

#endif
