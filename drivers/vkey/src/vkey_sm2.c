/* vkey_sm2.c - SM2 behind a vendor mechanism profile (the Sansec-family ids of
 * include/netca_vkey.h, listed as profile "sansec" in drivers/models.toml).
 *
 * SoftHSM2 has no SM2, but it stores EC keys on any curve OpenSSL knows. An SM2
 * key pair is therefore a SoftHSM2 CKK_EC pair on the SM2 curve whose private
 * value SoftHSM2 keeps readable for this module only: every read through vkey
 * reports it sensitive and never extractable, and CKA_VALUE is refused. The
 * signatures themselves are OpenSSL's (EVP, SM3, the ID 1234567812345678): no
 * curve arithmetic is ours, and the nonce is OpenSSL's CSPRNG. ECDSA on an SM2
 * key is refused, as a real SM2 key would.
 */
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>

#include "vkey_internal.h"

/* DER of the SM2 curve OID 1.2.156.10197.1.301 (CKA_EC_PARAMS). */
static const CK_BYTE sm2_params[] = {0x06, 0x08, 0x2A, 0x81, 0x1C, 0xCF, 0x55, 0x01, 0x82, 0x2D};
static const unsigned char sm2_id[] = "1234567812345678";

static const CK_MECHANISM_TYPE sm2_mechs[] = {
    NETCA_CKM_SM2_KEY_PAIR_GEN, NETCA_CKM_SM3_SM2_ID, NETCA_CKM_SM3_SM2_ID_DER, NETCA_CKM_SM2_SIGN};

static int available = -1;

/* Whether this libcrypto does SM2 (decided once; no SM2 mechanisms otherwise). */
static int sm2_available(void)
{
    if (available < 0) {
        EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "SM2", NULL);
        EVP_MD *md = EVP_MD_fetch(NULL, "SM3", NULL);
        available = ctx != NULL && md != NULL;
        EVP_PKEY_CTX_free(ctx);
        EVP_MD_free(md);
    }
    return available;
}

CK_ULONG vkey_sm2_mechanism_count(void)
{
    return sm2_available() ? (CK_ULONG)(sizeof sm2_mechs / sizeof *sm2_mechs) : 0;
}

void vkey_sm2_append_mechanisms(CK_MECHANISM_TYPE_PTR list)
{
    for (CK_ULONG i = 0; i < vkey_sm2_mechanism_count(); i++)
        list[i] = sm2_mechs[i];
}

int vkey_sm2_is_sign_mechanism(CK_MECHANISM_TYPE m)
{
    return sm2_available() &&
           (m == NETCA_CKM_SM3_SM2_ID || m == NETCA_CKM_SM3_SM2_ID_DER || m == NETCA_CKM_SM2_SIGN);
}

int vkey_sm2_mechanism_info(CK_MECHANISM_TYPE type, CK_MECHANISM_INFO_PTR info)
{
    if (!sm2_available() || (type != NETCA_CKM_SM2_KEY_PAIR_GEN && !vkey_sm2_is_sign_mechanism(type)))
        return 0;
    info->ulMinKeySize = 256;
    info->ulMaxKeySize = 256;
    info->flags = type == NETCA_CKM_SM2_KEY_PAIR_GEN ? CKF_GENERATE_KEY_PAIR : CKF_SIGN;
    info->flags |= CKF_HW;
    return 1;
}

int vkey_is_ecdsa(CK_MECHANISM_TYPE m)
{
    return m == CKM_ECDSA || m == CKM_ECDSA_SHA1 || m == CKM_ECDSA_SHA224 ||
           m == CKM_ECDSA_SHA256 || m == CKM_ECDSA_SHA384 || m == CKM_ECDSA_SHA512;
}

/* Whether the object is a key on the SM2 curve (any class). */
int vkey_sm2_is_sm2_key(CK_SESSION_HANDLE hh, CK_OBJECT_HANDLE obj, CK_OBJECT_CLASS *cls)
{
    CK_KEY_TYPE type = 0;
    CK_BYTE params[32];
    CK_ATTRIBUTE a[] = {{CKA_CLASS, cls, sizeof *cls}, {CKA_KEY_TYPE, &type, sizeof type}};
    if (g_vkey.hsm->C_GetAttributeValue(hh, obj, a, 2) != CKR_OK || type != CKK_EC)
        return 0;
    CK_ATTRIBUTE p = {CKA_EC_PARAMS, params, sizeof params};
    if (g_vkey.hsm->C_GetAttributeValue(hh, obj, &p, 1) != CKR_OK)
        return 0;
    return p.ulValueLen == sizeof sm2_params && memcmp(params, sm2_params, sizeof sm2_params) == 0;
}

/* Appends `extra` to a copy of `tmpl`, dropping the caller's entries of the same
 * types. Returns the new count; `out` has room for n + n_extra. */
static CK_ULONG merged(CK_ATTRIBUTE_PTR tmpl, CK_ULONG n, const CK_ATTRIBUTE *extra, CK_ULONG n_extra,
                       CK_ATTRIBUTE_PTR out)
{
    CK_ULONG k = 0;
    for (CK_ULONG i = 0; i < n; i++) {
        int replaced = 0;
        for (CK_ULONG j = 0; j < n_extra; j++)
            replaced |= tmpl[i].type == extra[j].type;
        if (!replaced)
            out[k++] = tmpl[i];
    }
    for (CK_ULONG j = 0; j < n_extra; j++)
        out[k++] = extra[j];
    return k;
}

#define VKEY_MAX_TEMPLATE 64

int vkey_sm2_is_keygen(CK_MECHANISM_PTR m, CK_ATTRIBUTE_PTR pub, CK_ULONG n_pub)
{
    if (m == NULL || !sm2_available())
        return 0;
    if (m->mechanism == NETCA_CKM_SM2_KEY_PAIR_GEN)
        return 1;
    if (m->mechanism != CKM_EC_KEY_PAIR_GEN)
        return 0;
    for (CK_ULONG i = 0; i < n_pub; i++)
        if (pub[i].type == CKA_EC_PARAMS && pub[i].ulValueLen == sizeof sm2_params &&
            pub[i].pValue != NULL && memcmp(pub[i].pValue, sm2_params, sizeof sm2_params) == 0)
            return 1;
    return 0;
}

/* An SM2 key pair as a SoftHSM2 EC pair on the SM2 curve; the private value stays
 * readable for this module (see the top of this file). */
CK_RV vkey_sm2_generate(CK_SESSION_HANDLE hh, CK_ATTRIBUTE_PTR pub, CK_ULONG n_pub,
                        CK_ATTRIBUTE_PTR priv, CK_ULONG n_priv, CK_OBJECT_HANDLE_PTR h_pub,
                        CK_OBJECT_HANDLE_PTR h_priv)
{
    CK_BBOOL no = CK_FALSE, yes = CK_TRUE;
    CK_ATTRIBUTE pub_extra[] = {{CKA_EC_PARAMS, (CK_VOID_PTR)sm2_params, sizeof sm2_params}};
    CK_ATTRIBUTE priv_extra[] = {{CKA_SENSITIVE, &no, sizeof no},
                                 {CKA_EXTRACTABLE, &yes, sizeof yes}};
    CK_ATTRIBUTE p[VKEY_MAX_TEMPLATE + 1], q[VKEY_MAX_TEMPLATE + 2];
    CK_MECHANISM gen = {CKM_EC_KEY_PAIR_GEN, NULL, 0};
    if (n_pub > VKEY_MAX_TEMPLATE || n_priv > VKEY_MAX_TEMPLATE)
        return CKR_TEMPLATE_INCONSISTENT;
    for (CK_ULONG i = 0; i < n_pub; i++)
        if (pub[i].type == CKA_EC_PARAMS && (pub[i].ulValueLen != sizeof sm2_params ||
                                             memcmp(pub[i].pValue, sm2_params, sizeof sm2_params)))
            return CKR_TEMPLATE_INCONSISTENT; /* SM2 key generation on another curve */
    CK_ULONG np = merged(pub, n_pub, pub_extra, 1, p);
    CK_ULONG nq = merged(priv, n_priv, priv_extra, 2, q);
    return g_vkey.hsm->C_GenerateKeyPair(hh, &gen, p, np, q, nq, h_pub, h_priv);
}

/* The SM2 key of the private value d (32 bytes), with its public point. */
static EVP_PKEY *sm2_key(const CK_BYTE *d_bytes, CK_ULONG d_len)
{
    EVP_PKEY *pkey = NULL;
    EC_GROUP *group = EC_GROUP_new_by_curve_name(NID_sm2);
    BIGNUM *d = BN_bin2bn(d_bytes, (int)d_len, NULL);
    EC_POINT *point = group ? EC_POINT_new(group) : NULL;
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM *params = NULL;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "SM2", NULL);
    unsigned char pub[65];
    if (group && d && point && bld && ctx && EC_POINT_mul(group, point, d, NULL, NULL, NULL) == 1 &&
        EC_POINT_point2oct(group, point, POINT_CONVERSION_UNCOMPRESSED, pub, sizeof pub, NULL) ==
            sizeof pub &&
        OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "SM2", 0) == 1 &&
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, d) == 1 &&
        OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pub, sizeof pub) == 1 &&
        (params = OSSL_PARAM_BLD_to_param(bld)) != NULL && EVP_PKEY_fromdata_init(ctx) == 1) {
        if (EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_KEYPAIR, params) != 1)
            pkey = NULL;
    }
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    EVP_PKEY_CTX_free(ctx);
    EC_POINT_free(point);
    BN_clear_free(d);
    EC_GROUP_free(group);
    return pkey;
}

/* DER SEQUENCE { r, s } to r||s of 32 bytes each. */
static int der_to_raw(const unsigned char *der, size_t len, CK_BYTE out[64])
{
    const unsigned char *p = der;
    ECDSA_SIG *sig = d2i_ECDSA_SIG(NULL, &p, (long)len);
    int ok = sig != NULL && BN_bn2binpad(ECDSA_SIG_get0_r(sig), out, 32) == 32 &&
             BN_bn2binpad(ECDSA_SIG_get0_s(sig), out + 32, 32) == 32;
    ECDSA_SIG_free(sig);
    return ok;
}

static CK_RV sign_with(EVP_PKEY *pkey, CK_MECHANISM_TYPE mech, CK_BYTE_PTR data, CK_ULONG len,
                       unsigned char *der, size_t *der_len)
{
    CK_RV rv = CKR_FUNCTION_FAILED;
    if (mech == NETCA_CKM_SM2_SIGN) { /* e = SM3(Z_A || M) computed by the caller */
        EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(pkey, NULL);
        if (len != 32)
            rv = CKR_DATA_LEN_RANGE;
        else if (ctx && EVP_PKEY_sign_init(ctx) == 1 &&
                 EVP_PKEY_sign(ctx, der, der_len, data, len) == 1)
            rv = CKR_OK;
        EVP_PKEY_CTX_free(ctx);
        return rv;
    }
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(pkey, NULL);
    if (md && ctx && EVP_PKEY_CTX_set1_id(ctx, sm2_id, sizeof sm2_id - 1) == 1) {
        EVP_MD_CTX_set_pkey_ctx(md, ctx);
        if (EVP_DigestSignInit(md, NULL, EVP_sm3(), NULL, pkey) == 1 &&
            EVP_DigestSign(md, der, der_len, data, len) == 1)
            rv = CKR_OK;
    }
    EVP_MD_CTX_free(md);
    EVP_PKEY_CTX_free(ctx);
    return rv;
}

/* One-part C_Sign of an SM2 operation begun by C_SignInit. Returns whether the
 * operation stays active (only a length query or a short buffer keep it). */
CK_RV vkey_sm2_sign(CK_SESSION_HANDLE hh, CK_OBJECT_HANDLE key, CK_MECHANISM_TYPE mech,
                    CK_BYTE_PTR data, CK_ULONG len, CK_BYTE_PTR sig, CK_ULONG_PTR sig_len,
                    int *keep)
{
    CK_ULONG need = mech == NETCA_CKM_SM3_SM2_ID_DER ? 72 : 64;
    CK_BYTE d[32];
    unsigned char der[80];
    size_t der_len = sizeof der;
    *keep = 0;
    if (sig_len == NULL)
        return CKR_ARGUMENTS_BAD;
    if (sig == NULL || *sig_len < need) {
        *keep = 1;
        CK_RV rv = sig == NULL ? CKR_OK : CKR_BUFFER_TOO_SMALL;
        *sig_len = need;
        return rv;
    }
    if (data == NULL && len > 0)
        return CKR_ARGUMENTS_BAD;
    CK_ATTRIBUTE value = {CKA_VALUE, d, sizeof d};
    CK_RV rv = g_vkey.hsm->C_GetAttributeValue(hh, key, &value, 1);
    if (rv != CKR_OK || value.ulValueLen == 0 || value.ulValueLen > sizeof d) {
        OPENSSL_cleanse(d, sizeof d);
        return rv == CKR_OK ? CKR_KEY_FUNCTION_NOT_PERMITTED : rv;
    }
    EVP_PKEY *pkey = sm2_key(d, value.ulValueLen);
    OPENSSL_cleanse(d, sizeof d);
    if (pkey == NULL)
        return CKR_FUNCTION_FAILED;
    rv = sign_with(pkey, mech, data, len, der, &der_len);
    EVP_PKEY_free(pkey);
    if (rv != CKR_OK)
        return rv;
    if (mech == NETCA_CKM_SM3_SM2_ID_DER) {
        memcpy(sig, der, der_len);
        *sig_len = (CK_ULONG)der_len;
        return CKR_OK;
    }
    if (!der_to_raw(der, der_len, sig))
        return CKR_FUNCTION_FAILED;
    *sig_len = 64;
    return CKR_OK;
}

/* After SoftHSM2 answered C_GetAttributeValue: an SM2 private key reads as a key
 * that never leaves the token, whatever SoftHSM2 keeps for us. */
CK_RV vkey_sm2_hide(CK_SESSION_HANDLE hh, CK_OBJECT_HANDLE obj, CK_ATTRIBUTE_PTR t, CK_ULONG n,
                    CK_RV rv)
{
    CK_OBJECT_CLASS cls = 0;
    if ((rv != CKR_OK && rv != CKR_ATTRIBUTE_SENSITIVE && rv != CKR_ATTRIBUTE_TYPE_INVALID &&
         rv != CKR_BUFFER_TOO_SMALL) ||
        !vkey_sm2_is_sm2_key(hh, obj, &cls) || cls != CKO_PRIVATE_KEY)
        return rv;
    for (CK_ULONG i = 0; i < n; i++) {
        CK_ATTRIBUTE_TYPE type = t[i].type;
        if (type == CKA_VALUE) {
            if (t[i].pValue != NULL && t[i].ulValueLen != CK_UNAVAILABLE_INFORMATION &&
                t[i].ulValueLen <= 64)
                OPENSSL_cleanse(t[i].pValue, t[i].ulValueLen);
            t[i].ulValueLen = CK_UNAVAILABLE_INFORMATION;
            if (rv == CKR_OK)
                rv = CKR_ATTRIBUTE_SENSITIVE;
        } else if (type == CKA_SENSITIVE || type == CKA_ALWAYS_SENSITIVE ||
                   type == CKA_EXTRACTABLE || type == CKA_NEVER_EXTRACTABLE) {
            if (t[i].pValue != NULL && t[i].ulValueLen >= sizeof(CK_BBOOL))
                *(CK_BBOOL *)t[i].pValue = type == CKA_EXTRACTABLE ? CK_FALSE : CK_TRUE;
            t[i].ulValueLen = sizeof(CK_BBOOL);
        }
    }
    return rv;
}
