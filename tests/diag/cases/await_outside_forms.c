/* Outside async functions, every form of await is reported, not only
 * `await name(...)`, in a file that declares async functions. */
#include <asyncc.h>

async int get(void);
int *p;
int x;

int plain(void)
{
	int a = await (get)();
	int b = await *p;
	int c = await &x;
	int d = await -x;
	return a + b + c + d;
}
