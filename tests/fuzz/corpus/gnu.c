# 1 "gnu.c"
# 1 "/usr/include/x.h" 1 3 4
__extension__ typedef unsigned long long u64;
typedef __builtin_va_list va_list;
# 3 "gnu.c" 2
#line 40 "other.c"
static __inline__ __attribute__((always_inline)) int f(int x) {
    __asm__ __volatile__("" : "+r"(x));
    void *p = &&done; goto *p;
done:
    return ({ int y = x; y + __builtin_offsetof(struct { int a[3]; }, a[1]); });
}
int (*(*g)(int))[3];
void (*signal(int, void (*)(int)))(int);
_Static_assert(sizeof(u64) == 8, "u64");
_Thread_local _Alignas(16) _Atomic(int) counter;
int arr[8] = { [1 ... 3] = 2, [5] = _Generic(1, int: 1, default: 0) };
