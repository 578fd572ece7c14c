#ifndef GRPSUP_TEXT_H
#define GRPSUP_TEXT_H

#include <stddef.h>

/*
 * text_visible: replace, in the len bytes of s, each control byte but the
 * tab (and DEL) with '?', so that what a user typed or a file held cannot
 * move a terminal's cursor when grpsup quotes it in a message.
 */
void text_visible(char *s, size_t len);

#endif
