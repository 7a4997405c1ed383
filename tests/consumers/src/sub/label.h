/* Included by sub/part.ca: not the label.h of the top directory. */
#define PART_LABEL "part"
