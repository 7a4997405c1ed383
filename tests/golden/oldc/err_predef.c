/* unix is a macro gcc predefines (1): int 1 = 2; */
int unix = 2;
