package org.jtls.x509.key;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.AlgorithmParameters;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import org.jtls.crypto.EcCurve;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The curve constants jtls checks keys against are the JDK's. */
class EcCurveParametersTest {
    @ParameterizedTest
    @EnumSource(EcCurve.class)
    void constantsMatchTheJdk(EcCurve curve) throws Exception {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec(curve.secName()));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        EcCurveParameters ours = EcCurveParameters.of(curve);
        assertEquals(((ECFieldFp) spec.getCurve().getField()).getP(), ours.p());
        assertEquals(spec.getCurve().getB(), ours.b());
        assertEquals(spec.getOrder(), ours.n());
    }
}
