/*
 * Build and run: gcc -Wall -o record-vectors record-vectors.c -lcrypto && ./record-vectors
 *
 * Known-answer TLS 1.2 / 1.1 / 1.0 / SSL 3.0 records computed with OpenSSL's libcrypto (EVP
 * ciphers, HMAC, EVP digests), independently of jtls. Every input (keys, IVs, sequence numbers,
 * contents) is fixed here and printed with the record it produces, so the Java tests in
 * test-vectors/src/test/java/org/jtls/vectors/record/ can paste both.
 *
 * The record constructions, written out from the RFCs:
 *   - TLS 1.2 AES-GCM (RFC 5288 §3, RFC 5246 §6.2.3.3): nonce = salt[4] || nonce_explicit[8] with
 *     nonce_explicit = the 64-bit sequence number; AAD = seq_num || type || version || length
 *     (the plaintext length); fragment = nonce_explicit || ciphertext || tag.
 *   - TLS 1.2 AES-CCM and AES-CCM_8 (RFC 6655 §3, RFC 7251): the nonce and AAD of AES-GCM; 16- or
 *     8-byte tag.
 *   - TLS 1.2 ChaCha20-Poly1305 (RFC 7905 §2): nonce = write_IV[12] XOR the sequence number
 *     left-padded to 12 bytes; same AAD; fragment = ciphertext || tag.
 *   - CBC, MAC-then-encrypt (RFC 2246 / 4346 / 5246 §6.2.3.2): MAC = HMAC(MAC_write_key,
 *     seq_num || type || version || length || content); fragment = [explicit IV] ||
 *     CBC(content || MAC || padding || padding_length).
 *   - CBC, encrypt-then-MAC (RFC 7366 §3): fragment = [explicit IV] || CBC(content || padding ||
 *     padding_length) || MAC, the MAC over seq_num || type || version || length || IV ||
 *     ciphertext, where length counts IV and ciphertext but not the MAC (as OpenSSL and jtls read
 *     RFC 7366).
 *   - SSL 3.0 (RFC 6101 §5.2.3.1): MAC = hash(MAC_write_secret || pad_2 || hash(MAC_write_secret
 *     || pad_1 || seq_num || type || length || content)), pad_1 = 0x36 and pad_2 = 0x5c repeated 40
 *     times for SHA-1 (48 for MD5).
 *   - SSL 3.0 and TLS 1.0 chain the IV: the first record uses the write IV from the key block, each
 *     later one the last ciphertext block of the record before it. TLS 1.1+ send an explicit IV.
 *   - Padding is minimal, as jtls sends it: padding_length = block - 1 - (len % block), and every
 *     padding byte (and padding_length itself) equals padding_length.
 *   - NULL cipher: fragment = content || MAC (HMAC-SHA1 in TLS 1.2; the SSL 3.0 MAC with MD5, pads of
 *     48 bytes, in SSL 3.0).
 *
 * Output, one family after another:
 *   family <name> <cipher suite> <version hex> <mte|etm|aead|null>
 *   mac_key / enc_key / fixed_iv: <hex, or "-" when the suite has none>
 *   record <seq> <content type>
 *     explicit_iv / content / protected: <hex>   (protected = the whole record, header included)
 */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/opensslv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_RECORD 4096

enum protection { MAC_THEN_ENCRYPT, ENCRYPT_THEN_MAC, AEAD_RECORD, NULL_CIPHER };
enum nonce_kind { SALT_AND_SEQUENCE, XOR_SEQUENCE };

struct family {
    const char *name;
    const char *suite;
    int version;                 /* 0x0300 .. 0x0303 */
    enum protection protection;
    const EVP_CIPHER *(*cipher)(void);
    const EVP_MD *(*mac_hash)(void);
    enum nonce_kind nonce;       /* AEAD only */
    size_t key_length;
    size_t mac_key_length;
    size_t fixed_iv_length;      /* AEAD salt / IV, or the chained CBC IV of SSL 3.0 and TLS 1.0 */
    unsigned char first_byte;    /* the keys are first_byte, first_byte + 1, ... */
    size_t tag_length;           /* AEAD only: 16, or 8 for CCM_8 */
    int ccm;                     /* AEAD only: CCM takes its lengths before the data */
};

static int is_cbc(const struct family *f) {
    return f->protection == MAC_THEN_ENCRYPT || f->protection == ENCRYPT_THEN_MAC;
}

static void fail(const char *what) {
    fprintf(stderr, "record-vectors: %s failed\n", what);
    exit(1);
}

static void print_hex(const char *label, const unsigned char *bytes, size_t length) {
    printf("%s: ", label);
    if (length == 0) {
        printf("-");
    }
    for (size_t i = 0; i < length; i++) {
        printf("%02x", bytes[i]);
    }
    printf("\n");
}

static void fill_counting(unsigned char *out, size_t length, unsigned char first) {
    for (size_t i = 0; i < length; i++) {
        out[i] = (unsigned char) (first + i);
    }
}

static size_t put_header(unsigned char *out, int type, int version, size_t length) {
    out[0] = (unsigned char) type;
    out[1] = (unsigned char) (version >> 8);
    out[2] = (unsigned char) version;
    out[3] = (unsigned char) (length >> 8);
    out[4] = (unsigned char) length;
    return 5;
}

static void put_sequence(unsigned char *out, unsigned long long sequence) {
    for (int i = 0; i < 8; i++) {
        out[i] = (unsigned char) (sequence >> (56 - 8 * i));
    }
}

/* HMAC(key, seq_num || type || version || length || data): RFC 5246 §6.2.3.1. */
static size_t tls_mac(const struct family *f, const unsigned char *key, unsigned long long sequence, int type,
        size_t length, const unsigned char *data, size_t data_length, unsigned char *out) {
    unsigned char input[13 + MAX_RECORD];
    put_sequence(input, sequence);
    input[8] = (unsigned char) type;
    input[9] = (unsigned char) (f->version >> 8);
    input[10] = (unsigned char) f->version;
    input[11] = (unsigned char) (length >> 8);
    input[12] = (unsigned char) length;
    memcpy(input + 13, data, data_length);
    unsigned int out_length = 0;
    if (HMAC(f->mac_hash(), key, (int) f->mac_key_length, input, 13 + data_length, out, &out_length) == NULL) {
        fail("HMAC");
    }
    return out_length;
}

static void digest(const EVP_MD *md, const unsigned char *data, size_t length, unsigned char *out,
        unsigned int *out_length) {
    if (EVP_Digest(data, length, out, out_length, md, NULL) != 1) {
        fail("EVP_Digest");
    }
}

/* RFC 6101 §5.2.3.1: the SSL 3.0 MAC, with no version field. */
static size_t ssl3_mac(const struct family *f, const unsigned char *secret, unsigned long long sequence, int type,
        const unsigned char *content, size_t content_length, unsigned char *out) {
    const EVP_MD *md = f->mac_hash();
    size_t pad_length = EVP_MD_get_size(md) == 16 ? 48 : 40;
    unsigned char input[MAX_RECORD + 128];
    size_t n = 0;
    memcpy(input, secret, f->mac_key_length);
    n += f->mac_key_length;
    memset(input + n, 0x36, pad_length);
    n += pad_length;
    put_sequence(input + n, sequence);
    n += 8;
    input[n++] = (unsigned char) type;
    input[n++] = (unsigned char) (content_length >> 8);
    input[n++] = (unsigned char) content_length;
    memcpy(input + n, content, content_length);
    n += content_length;
    unsigned char inner[EVP_MAX_MD_SIZE];
    unsigned int inner_length = 0;
    digest(md, input, n, inner, &inner_length);

    n = 0;
    memcpy(input, secret, f->mac_key_length);
    n += f->mac_key_length;
    memset(input + n, 0x5c, pad_length);
    n += pad_length;
    memcpy(input + n, inner, inner_length);
    n += inner_length;
    unsigned int out_length = 0;
    digest(md, input, n, out, &out_length);
    return out_length;
}

static size_t record_mac(const struct family *f, const unsigned char *key, unsigned long long sequence, int type,
        size_t length, const unsigned char *data, size_t data_length, unsigned char *out) {
    if (f->version == 0x0300) {
        return ssl3_mac(f, key, sequence, type, data, data_length, out);
    }
    return tls_mac(f, key, sequence, type, length, data, data_length, out);
}

static size_t cbc_encrypt(const struct family *f, const unsigned char *key, const unsigned char *iv,
        const unsigned char *in, size_t length, unsigned char *out) {
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int written = 0;
    int final_written = 0;
    if (ctx == NULL || EVP_EncryptInit_ex(ctx, f->cipher(), NULL, key, iv) != 1
            || EVP_CIPHER_CTX_set_padding(ctx, 0) != 1
            || EVP_EncryptUpdate(ctx, out, &written, in, (int) length) != 1
            || EVP_EncryptFinal_ex(ctx, out + written, &final_written) != 1) {
        fail("CBC encryption");
    }
    EVP_CIPHER_CTX_free(ctx);
    return (size_t) (written + final_written);
}

/* Appends padding || padding_length, minimal, every byte equal to padding_length. */
static size_t pad(unsigned char *data, size_t length, size_t block) {
    size_t padding_length = block - 1 - (length % block);
    memset(data + length, (int) padding_length, padding_length + 1);
    return length + padding_length + 1;
}

struct keys {
    unsigned char mac_key[64];
    unsigned char enc_key[32];
    unsigned char fixed_iv[16];
    unsigned char chained_iv[16];
};

/* Writes the whole protected record (header included) to out; returns its length. */
static size_t protect(const struct family *f, struct keys *k, unsigned long long sequence, int type,
        const unsigned char *content, size_t content_length, const unsigned char *explicit_iv,
        unsigned char *out) {
    unsigned char work[MAX_RECORD];
    unsigned char mac[EVP_MAX_MD_SIZE];
    size_t block = is_cbc(f) ? (size_t) EVP_CIPHER_get_block_size(f->cipher()) : 0;
    size_t explicit_iv_length = f->version >= 0x0302 ? block : 0;
    const unsigned char *iv = explicit_iv_length > 0 ? explicit_iv : k->chained_iv;
    size_t n;

    switch (f->protection) {
    case NULL_CIPHER: {
        size_t mac_length = record_mac(f, k->mac_key, sequence, type, content_length, content, content_length, mac);
        n = put_header(out, type, f->version, content_length + mac_length);
        memcpy(out + n, content, content_length);
        memcpy(out + n + content_length, mac, mac_length);
        return n + content_length + mac_length;
    }
    case MAC_THEN_ENCRYPT: {
        memcpy(work, content, content_length);
        size_t mac_length = record_mac(f, k->mac_key, sequence, type, content_length, content, content_length,
                work + content_length);
        size_t padded = pad(work, content_length + mac_length, block);
        n = put_header(out, type, f->version, explicit_iv_length + padded);
        memcpy(out + n, explicit_iv, explicit_iv_length);
        n += explicit_iv_length;
        size_t encrypted = cbc_encrypt(f, k->enc_key, iv, work, padded, out + n);
        if (explicit_iv_length == 0) {
            memcpy(k->chained_iv, out + n + encrypted - block, block);
        }
        return n + encrypted;
    }
    case ENCRYPT_THEN_MAC: {
        memcpy(work, content, content_length);
        size_t padded = pad(work, content_length, block);
        size_t mac_length = (size_t) EVP_MD_get_size(f->mac_hash());
        n = put_header(out, type, f->version, explicit_iv_length + padded + mac_length);
        size_t fragment_start = n;
        memcpy(out + n, explicit_iv, explicit_iv_length);
        n += explicit_iv_length;
        size_t encrypted = cbc_encrypt(f, k->enc_key, iv, work, padded, out + n);
        if (explicit_iv_length == 0) {
            memcpy(k->chained_iv, out + n + encrypted - block, block);
        }
        n += encrypted;
        size_t authenticated = explicit_iv_length + encrypted;
        record_mac(f, k->mac_key, sequence, type, authenticated, out + fragment_start, authenticated, out + n);
        return n + mac_length;
    }
    case AEAD_RECORD: {
        unsigned char nonce[12];
        size_t explicit_nonce_length = 0;
        if (f->nonce == SALT_AND_SEQUENCE) {
            memcpy(nonce, k->fixed_iv, 4);
            put_sequence(nonce + 4, sequence);
            explicit_nonce_length = 8;
        } else {
            memcpy(nonce, k->fixed_iv, 12);
            unsigned char padded_sequence[8];
            put_sequence(padded_sequence, sequence);
            for (int i = 0; i < 8; i++) {
                nonce[4 + i] ^= padded_sequence[i];
            }
        }
        unsigned char aad[13];
        put_sequence(aad, sequence);
        aad[8] = (unsigned char) type;
        aad[9] = (unsigned char) (f->version >> 8);
        aad[10] = (unsigned char) f->version;
        aad[11] = (unsigned char) (content_length >> 8);
        aad[12] = (unsigned char) content_length;

        n = put_header(out, type, f->version, explicit_nonce_length + content_length + f->tag_length);
        memcpy(out + n, nonce + 4, explicit_nonce_length);
        n += explicit_nonce_length;
        EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
        int written = 0;
        int final_written = 0;
        if (ctx == NULL || EVP_EncryptInit_ex(ctx, f->cipher(), NULL, NULL, NULL) != 1
                || EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, 12, NULL) != 1
                || (f->ccm && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, (int) f->tag_length, NULL) != 1)
                || EVP_EncryptInit_ex(ctx, NULL, NULL, k->enc_key, nonce) != 1
                || (f->ccm && EVP_EncryptUpdate(ctx, NULL, &written, NULL, (int) content_length) != 1)
                || EVP_EncryptUpdate(ctx, NULL, &written, aad, sizeof aad) != 1
                || EVP_EncryptUpdate(ctx, out + n, &written, content, (int) content_length) != 1
                || EVP_EncryptFinal_ex(ctx, out + n + written, &final_written) != 1
                || EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, (int) f->tag_length,
                        out + n + written + final_written) != 1) {
            fail("AEAD encryption");
        }
        EVP_CIPHER_CTX_free(ctx);
        return n + (size_t) (written + final_written) + f->tag_length;
    }
    }
    fail("unknown protection");
    return 0;
}

static const char *protection_name(enum protection p) {
    switch (p) {
    case MAC_THEN_ENCRYPT: return "mte";
    case ENCRYPT_THEN_MAC: return "etm";
    case AEAD_RECORD: return "aead";
    case NULL_CIPHER: return "null";
    }
    return "?";
}

/* Bytes that go inside the encryption together with the content: the MAC for MAC-then-encrypt. */
static size_t padded_overhead(const struct family *f) {
    return f->protection == MAC_THEN_ENCRYPT ? (size_t) EVP_MD_get_size(f->mac_hash()) : 0;
}

/* The smallest content length of at least 16 whose record gets padding_length = wanted_padding. */
static size_t content_length_for_padding(const struct family *f, size_t wanted_padding) {
    if (f->protection == AEAD_RECORD || f->protection == NULL_CIPHER) {
        return wanted_padding == 0 ? 27 : 44;
    }
    size_t block = (size_t) EVP_CIPHER_get_block_size(f->cipher());
    for (size_t length = 16;; length++) {
        if (block - 1 - ((length + padded_overhead(f)) % block) == wanted_padding) {
            return length;
        }
    }
}

static const char APPLICATION_TEXT[] =
        "GET /index.html HTTP/1.1\r\nHost: jtls.example\r\nAccept: */*\r\nConnection: close\r\n\r\n";

static void run_family(const struct family *f) {
    struct keys k;
    memset(&k, 0, sizeof k);
    size_t block = is_cbc(f) ? (size_t) EVP_CIPHER_get_block_size(f->cipher()) : 0;
    size_t mac_key_length = f->protection == AEAD_RECORD ? 0 : f->mac_key_length;
    size_t key_length = f->cipher != NULL ? f->key_length : 0;
    fill_counting(k.mac_key, mac_key_length, f->first_byte);
    fill_counting(k.enc_key, key_length, (unsigned char) (f->first_byte + 0x40));
    fill_counting(k.fixed_iv, f->fixed_iv_length, (unsigned char) (f->first_byte + 0x80));
    memcpy(k.chained_iv, k.fixed_iv, f->fixed_iv_length);

    printf("family %s %s %04x %s\n", f->name, f->suite, f->version, protection_name(f->protection));
    print_hex("mac_key", k.mac_key, mac_key_length);
    print_hex("enc_key", k.enc_key, key_length);
    print_hex("fixed_iv", k.fixed_iv, f->fixed_iv_length);

    /*
     * Four records under one key, sequence numbers 0..3: a Finished message, application data
     * that needs a whole block of padding, application data that needs none, a close_notify alert.
     */
    unsigned char finished[4 + 36];
    size_t verify_data_length = f->version == 0x0300 ? 36 : 12; /* SSL 3.0: MD5 || SHA-1 hashes */
    finished[0] = 20;
    finished[1] = 0;
    finished[2] = 0;
    finished[3] = (unsigned char) verify_data_length;
    fill_counting(finished + 4, verify_data_length, (unsigned char) (f->first_byte + 0xc0));
    size_t full_padding = block == 0 ? 1 : block - 1;
    size_t lengths[2] = { content_length_for_padding(f, full_padding), content_length_for_padding(f, 0) };
    const unsigned char close_notify[2] = { 1, 0 };

    struct { int type; const unsigned char *content; size_t length; } records[4] = {
        { 22, finished, 4 + verify_data_length },
        { 23, (const unsigned char *) APPLICATION_TEXT, lengths[0] },
        { 23, (const unsigned char *) APPLICATION_TEXT, lengths[1] },
        { 21, close_notify, 2 },
    };
    for (unsigned long long sequence = 0; sequence < 4; sequence++) {
        unsigned char explicit_iv[16];
        unsigned char out[MAX_RECORD];
        size_t explicit_iv_length = f->version >= 0x0302 ? block : 0;
        fill_counting(explicit_iv, explicit_iv_length, (unsigned char) (f->first_byte + 0x10 * (sequence + 1) + 7));
        size_t length = protect(f, &k, sequence, records[sequence].type, records[sequence].content,
                records[sequence].length, explicit_iv, out);
        printf("record %llu %d\n", sequence, records[sequence].type);
        printf("  ");
        print_hex("explicit_iv", explicit_iv, explicit_iv_length);
        printf("  ");
        print_hex("content", records[sequence].content, records[sequence].length);
        printf("  ");
        print_hex("protected", out, length);
    }
    printf("\n");
}

int main(void) {
    const struct family families[] = {
        { "tls12_aes_128_gcm", "TLS_RSA_WITH_AES_128_GCM_SHA256", 0x0303, AEAD_RECORD,
            EVP_aes_128_gcm, NULL, SALT_AND_SEQUENCE, 16, 0, 4, 0x01, 16, 0 },
        { "tls12_aes_256_gcm", "TLS_RSA_WITH_AES_256_GCM_SHA384", 0x0303, AEAD_RECORD,
            EVP_aes_256_gcm, NULL, SALT_AND_SEQUENCE, 32, 0, 4, 0x02, 16, 0 },
        { "tls12_chacha20_poly1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 0x0303, AEAD_RECORD,
            EVP_chacha20_poly1305, NULL, XOR_SEQUENCE, 32, 0, 12, 0x03, 16, 0 },
        { "tls12_aes_128_ccm", "TLS_RSA_WITH_AES_128_CCM", 0x0303, AEAD_RECORD,
            EVP_aes_128_ccm, NULL, SALT_AND_SEQUENCE, 16, 0, 4, 0x0e, 16, 1 },
        { "tls12_aes_256_ccm_8", "TLS_RSA_WITH_AES_256_CCM_8", 0x0303, AEAD_RECORD,
            EVP_aes_256_ccm, NULL, SALT_AND_SEQUENCE, 32, 0, 4, 0x0f, 8, 1 },
        { "tls12_aes_128_cbc_sha", "TLS_RSA_WITH_AES_128_CBC_SHA", 0x0303, MAC_THEN_ENCRYPT,
            EVP_aes_128_cbc, EVP_sha1, 0, 16, 20, 0, 0x04, 0, 0 },
        { "tls12_aes_256_cbc_sha256", "TLS_RSA_WITH_AES_256_CBC_SHA256", 0x0303, MAC_THEN_ENCRYPT,
            EVP_aes_256_cbc, EVP_sha256, 0, 32, 32, 0, 0x05, 0, 0 },
        { "tls12_aes_128_cbc_sha_etm", "TLS_RSA_WITH_AES_128_CBC_SHA", 0x0303, ENCRYPT_THEN_MAC,
            EVP_aes_128_cbc, EVP_sha1, 0, 16, 20, 0, 0x06, 0, 0 },
        { "tls12_aes_256_cbc_sha256_etm", "TLS_RSA_WITH_AES_256_CBC_SHA256", 0x0303, ENCRYPT_THEN_MAC,
            EVP_aes_256_cbc, EVP_sha256, 0, 32, 32, 0, 0x07, 0, 0 },
        { "tls11_aes_128_cbc_sha", "TLS_RSA_WITH_AES_128_CBC_SHA", 0x0302, MAC_THEN_ENCRYPT,
            EVP_aes_128_cbc, EVP_sha1, 0, 16, 20, 0, 0x08, 0, 0 },
        { "tls10_aes_128_cbc_sha", "TLS_RSA_WITH_AES_128_CBC_SHA", 0x0301, MAC_THEN_ENCRYPT,
            EVP_aes_128_cbc, EVP_sha1, 0, 16, 20, 16, 0x09, 0, 0 },
        { "tls10_aes_128_cbc_sha_etm", "TLS_RSA_WITH_AES_128_CBC_SHA", 0x0301, ENCRYPT_THEN_MAC,
            EVP_aes_128_cbc, EVP_sha1, 0, 16, 20, 16, 0x0a, 0, 0 },
        { "ssl30_3des_ede_cbc_sha", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", 0x0300, MAC_THEN_ENCRYPT,
            EVP_des_ede3_cbc, EVP_sha1, 0, 24, 20, 8, 0x0b, 0, 0 },
        { "ssl30_aes_128_cbc_sha", "TLS_RSA_WITH_AES_128_CBC_SHA", 0x0300, MAC_THEN_ENCRYPT,
            EVP_aes_128_cbc, EVP_sha1, 0, 16, 20, 16, 0x0c, 0, 0 },
        { "tls12_null_sha", "TLS_RSA_WITH_NULL_SHA", 0x0303, NULL_CIPHER,
            NULL, EVP_sha1, 0, 0, 20, 0, 0x0d, 0, 0 },
        { "ssl30_null_md5", "TLS_RSA_WITH_NULL_MD5", 0x0300, NULL_CIPHER,
            NULL, EVP_md5, 0, 0, 16, 0, 0x10, 0, 0 },
    };
    printf("# %s\n\n", OpenSSL_version(OPENSSL_VERSION));
    for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) {
        run_family(&families[i]);
    }
    return 0;
}
