package dev.culprit.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KubernetesNamesTest {

  @Test
  void dropsTheReplicaSetHashAndPodSuffix() {
    assertThat(KubernetesNames.serviceOfPod("ts-contacts-service-866bd68c97-xcqfx"))
        .isEqualTo("ts-contacts-service");
    assertThat(KubernetesNames.serviceOfPod("cart-7f9-abc")).isEqualTo("cart");
  }

  @Test
  void keepsNamesWithFewerThanThreeParts() {
    assertThat(KubernetesNames.serviceOfPod("frontend")).isEqualTo("frontend");
    assertThat(KubernetesNames.serviceOfPod("frontend-0")).isEqualTo("frontend-0");
    assertThat(KubernetesNames.serviceOfPod("-a-b")).isEqualTo("-a-b");
  }
}
