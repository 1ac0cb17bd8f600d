package org.quanli.platform.upcasting;

import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.quanli.kernel.cases.CaseMessages.CaseSubmitted;
import org.quanli.kernel.cases.JointApprovalMessages.JointApprovalStarted;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every revised event's upcasters, in the platform so both sides have them: Axon's Spring Boot autoconfiguration puts
 * each {@link EventUpcaster} bean into the upcaster chain of the JPA event storage engine, which every read goes
 * through (aggregate loading on the command side, streaming processors on the query side). Add one bean per
 * revision step; a chain of steps lifts an old event through all of them.
 */
@Configuration(proxyBeanMethods = false)
public class UpcastingConfiguration {

    /** Revision 2 added the service-centre window and the joint approval a part case belongs to. */
    @Bean
    EventUpcaster caseSubmittedToRevision2() {
        return new FieldsAddedUpcaster(CaseSubmitted.class, null, "2", "window", "jointApprovalId");
    }

    /** Revision 2 added what the part cases are submitted with: the applicant, the materials and the window. */
    @Bean
    EventUpcaster jointApprovalStartedToRevision2() {
        return new FieldsAddedUpcaster(JointApprovalStarted.class, null, "2", "applicant", "materials", "window");
    }
}
