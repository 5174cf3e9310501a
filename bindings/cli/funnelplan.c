#include "funnelplan.h"
#include <stdio.h>
int main(void){puts(fpl_version_string());return 0;}
