/*
 * A stand-in for Windows' bcryptprimitives.dll, for running the Windows
 * build under Wine 8 (Debian 12), which lacks it. Go 1.24 and later get
 * random bytes from its ProcessPrng; Windows 10 and 11 have the real DLL,
 * so this one is never installed on an office PC: scripts/windows-smoke.sh
 * builds it into its throw-away Wine prefix only.
 *
 * ProcessPrng fills the buffer from RtlGenRandom (advapi32's
 * SystemFunction036), the system's cryptographic generator, in pieces of
 * at most 1 GiB (its length is a ULONG).
 *
 *   x86_64-w64-mingw32-gcc -O2 -shared -nostdlib -s -e DllMain \
 *       -o bcryptprimitives.dll scripts/bcryptprimitives.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
	while (length > 0) {
		ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		length -= n;
	}
	return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
	(void)instance;
	(void)reason;
	(void)reserved;
	return TRUE;
}
