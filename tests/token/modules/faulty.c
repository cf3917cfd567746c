/* A PKCS#11 module that misbehaves on purpose, for tests of the client's key layer:
 * built with -DFAULT_INIT (C_Initialize answers CKR_DEVICE_ERROR), -DFAULT_HANG_INIT
 * (C_Initialize never returns) or -DFAULT_HANG_SLOTS (C_GetSlotList never returns).
 * Only the functions the key layer reaches before it gives up are filled in. */
#include <string.h>
#include <unistd.h>

#include "netca_vkey.h" /* the platform macros, then OASIS pkcs11.h */

static CK_FUNCTION_LIST functions;

static CK_RV initialize(CK_VOID_PTR args)
{
    (void)args;
#if defined(FAULT_INIT)
    return CKR_DEVICE_ERROR;
#elif defined(FAULT_HANG_INIT)
    for (;;)
        pause();
    return CKR_OK;
#else
    return CKR_OK;
#endif
}

static CK_RV finalize(CK_VOID_PTR reserved)
{
    (void)reserved;
    return CKR_OK;
}

static CK_RV get_info(CK_INFO_PTR info)
{
    memset(info, ' ', sizeof *info);
    info->cryptokiVersion.major = 2;
    info->cryptokiVersion.minor = 40;
    info->flags = 0;
    info->libraryVersion.major = 1;
    info->libraryVersion.minor = 0;
    return CKR_OK;
}

static CK_RV get_slot_list(CK_BBOOL present, CK_SLOT_ID_PTR list, CK_ULONG_PTR count)
{
    (void)present;
    (void)list;
#if defined(FAULT_HANG_SLOTS)
    for (;;)
        pause();
#endif

    *count = 0;
    return CKR_OK;
}

static CK_RV get_token_info(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info)
{
    (void)slot;
    (void)info;
    return CKR_SLOT_ID_INVALID;
}

static CK_RV get_session_info(CK_SESSION_HANDLE session, CK_SESSION_INFO_PTR info)
{
    (void)session;
    (void)info;
    return CKR_SESSION_HANDLE_INVALID;
}

static CK_RV login(CK_SESSION_HANDLE session, CK_USER_TYPE user, CK_UTF8CHAR_PTR pin, CK_ULONG len)
{
    (void)session;
    (void)user;
    (void)pin;
    (void)len;
    return CKR_SESSION_HANDLE_INVALID;
}

static CK_RV logout(CK_SESSION_HANDLE session)
{
    (void)session;
    return CKR_SESSION_HANDLE_INVALID;
}

CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list)
{
    functions.version.major = 2;
    functions.version.minor = 40;
    functions.C_Initialize = initialize;
    functions.C_Finalize = finalize;
    functions.C_GetInfo = get_info;
    functions.C_GetSlotList = get_slot_list;
    functions.C_GetTokenInfo = get_token_info;
    functions.C_GetSessionInfo = get_session_info;
    functions.C_Login = login;
    functions.C_Logout = logout;
    *list = &functions;
    return CKR_OK;
}
