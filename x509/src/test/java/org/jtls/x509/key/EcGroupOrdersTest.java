package org.jtls.x509.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import org.jtls.crypto.EcCurve;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The group orders jtls bounds private scalars with are the JDK's. */
class EcGroupOrdersTest {
    @ParameterizedTest
    @EnumSource(EcCurve.class)
    void ordersMatchTheJdk(EcCurve curve) throws Exception {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec(curve.secName()));
        BigInteger order = parameters.getParameterSpec(ECParameterSpec.class).getOrder();
        assertEquals(order, EcGroupOrders.of(curve));
        assertTrue(EcGroupOrders.isValidScalar(curve, order.subtract(BigInteger.ONE)));
        assertFalse(EcGroupOrders.isValidScalar(curve, order));
        assertFalse(EcGroupOrders.isValidScalar(curve, BigInteger.ZERO));
    }
}
