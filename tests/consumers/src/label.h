/* Included by total.ca only. */
#define TOTAL_LABEL "total"
