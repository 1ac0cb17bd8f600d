package org.quanli.command.cases;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.quanli.kernel.rules.RuleViolation.require;
import static org.quanli.kernel.text.Text.strippedOrNull;

import java.time.LocalDate;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.quanli.command.places.JurisdictionAuthority;
import org.quanli.command.places.PlaceDirectory;
import org.quanli.kernel.cases.CaseClock;
import org.quanli.kernel.cases.CaseMessages.AppealRating;
import org.quanli.kernel.cases.CaseMessages.BadReviewFollowedUp;
import org.quanli.kernel.cases.CaseMessages.CaseEvaluated;
import org.quanli.kernel.cases.CaseMessages.CaseFlagged;
import org.quanli.kernel.cases.CaseMessages.EvaluateCase;
import org.quanli.kernel.cases.CaseMessages.FollowUpBadReview;
import org.quanli.kernel.cases.CaseMessages.FollowUpRated;
import org.quanli.kernel.cases.CaseMessages.RateFollowUp;
import org.quanli.kernel.cases.CaseMessages.RatingAppealReviewed;
import org.quanli.kernel.cases.CaseMessages.RatingAppealed;
import org.quanli.kernel.cases.CaseMessages.ReviewRatingAppeal;
import org.quanli.kernel.cases.SupervisionLevel;
import org.quanli.kernel.cases.SupervisionTrigger;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.rules.Forbidden;

/**
 * The evaluation of a case (好差评), a lifecycle of its own inside the case: one rating; after a bad one, a
 * follow-up within the policy's working days (a persistent deadline flags it red when missed) and the applicant's
 * rating of that follow-up; an appeal against the rating, reviewed by supervision, which may exclude it. The case
 * decides when it may be rated; everything after that is decided here.
 */
class CaseEvaluation {

    private final String caseId;
    private final String bodyId;
    private boolean rated;
    private LocalDate ratedOn;
    private boolean badReviewOpen;
    private LocalDate followedUpOn;
    private boolean followUpRated;
    private boolean appealOpen;
    private boolean ratingExcluded;

    CaseEvaluation(String caseId, String bodyId) {
        this.caseId = caseId;
        this.bodyId = bodyId;
    }

    /** The case's one rating; a bad one schedules the follow-up's red deadline. */
    void rate(EvaluateCase command, LocalDate receivedOn, CaseClock clock, EvaluationPolicy policy,
              CaseDeadlines deadlines, SupervisionSchedule supervision) {
        require(!rated, "one-rating-per-case", "每件办件只能评价一次");
        require(command.satisfaction() != null && command.channel() != null, "rating-complete",
                "评价须注明满意度等级和评价渠道");
        require(command.evaluatedOn() != null && !command.evaluatedOn().isBefore(receivedOn),
                "rated-after-receipt", "评价日期不得早于收件日期(" + receivedOn + ")");
        boolean bad = command.satisfaction().badReview();
        LocalDate followUpBy = bad ? clock.calendar().addWorkingDays(command.evaluatedOn(),
                policy.followUpDays()) : null;
        apply(new CaseEvaluated(caseId, command.satisfaction(), command.channel(), strippedOrNull(command.comment()),
                command.evaluatedOn(), bad, followUpBy));
        if (bad) {
            LocalDate late = followUpBy.plusDays(1);
            deadlines.schedule(caseId, supervision.dueAt(late), Case.FOLLOW_UP,
                    new SupervisionDue(SupervisionLevel.RED, late));
        }
    }

    @CommandHandler
    void handle(FollowUpBadReview command, CaseClock clock, EvaluationPolicy policy, CaseDeadlines deadlines) {
        require(badReviewOpen, "no-bad-review-pending", "本件没有待整改的差评");
        require(strippedOrNull(command.rectification()) != null, "follow-up-states-rectification",
                "差评整改须说明整改情况");
        require(command.followedUpOn() != null && !command.followedUpOn().isBefore(ratedOn),
                "followed-up-after-rating", "整改日期不得早于评价日期(" + ratedOn + ")");
        int days = clock.calendar().workingDaysBetween(ratedOn, command.followedUpOn());
        apply(new BadReviewFollowedUp(caseId, command.rectification().strip(), command.followedUpOn(), days,
                days <= policy.followUpDays()));
        deadlines.cancel(caseId, Case.FOLLOW_UP);
    }

    @CommandHandler
    void handle(RateFollowUp command) {
        require(followedUpOn != null, "bad-review-not-followed-up", "本件没有已整改的差评,无从评价整改");
        require(!followUpRated, "one-follow-up-rating", "整改情况只能评价一次");
        require(command.satisfaction() != null && command.channel() != null, "rating-complete",
                "评价须注明满意度等级和评价渠道");
        require(command.ratedOn() != null && !command.ratedOn().isBefore(followedUpOn), "rated-after-follow-up",
                "整改评价日期不得早于整改日期(" + followedUpOn + ")");
        apply(new FollowUpRated(caseId, command.satisfaction(), command.channel(), command.ratedOn()));
    }

    @CommandHandler
    void handle(AppealRating command) {
        require(rated, "not-yet-rated", "本件尚未评价,没有可申诉的评价");
        require(!ratingExcluded, "rating-already-excluded", "本件的评价已经复核剔除");
        require(!appealOpen, "appeal-already-open", "本件的评价申诉正在复核");
        require(strippedOrNull(command.reason()) != null, "appeal-states-reason", "申诉须说明理由");
        require(command.appealedOn() != null && !command.appealedOn().isBefore(ratedOn),
                "appealed-after-rating", "申诉日期不得早于评价日期(" + ratedOn + ")");
        apply(new RatingAppealed(caseId, command.reason().strip(), command.appealedOn()));
    }

    @CommandHandler
    void handle(ReviewRatingAppeal command, MetaData metaData, CaseDeadlines deadlines, PlaceDirectory places) {
        // The appeal is reviewed by supervision, not by the body that appealed: an auditor of the handling body's
        // jurisdiction or one above it.
        Actor actor = Actor.fromMetaData(metaData);
        if (actor.role() != Role.AUDITOR) {
            throw new Forbidden("评价申诉须由审计监察人员复核");
        }
        JurisdictionAuthority.requireActsFor(actor, places.body(bodyId)
                .map(PlaceDirectory.RegisteredBody::jurisdictionCode).orElse(null), places);
        require(appealOpen, "no-appeal-pending", "本件没有待复核的评价申诉");
        require(strippedOrNull(command.opinion()) != null, "appeal-review-states-opinion", "复核须说明意见");
        require(command.reviewedOn() != null && !command.reviewedOn().isBefore(ratedOn),
                "reviewed-after-rating", "复核日期不得早于评价日期(" + ratedOn + ")");
        apply(new RatingAppealReviewed(caseId, command.excluded(), command.opinion().strip(), command.reviewedOn()));
        if (command.excluded()) {
            deadlines.cancel(caseId, Case.FOLLOW_UP);
        }
    }

    /** The follow-up's deadline came: a bad review still open (and not excluded on appeal) is flagged red. */
    void followUpDue(SupervisionDue due, int itemVersion) {
        if (badReviewOpen && !ratingExcluded) {
            apply(new CaseFlagged(caseId, SupervisionLevel.RED, SupervisionTrigger.BAD_REVIEW_NOT_FOLLOWED_UP,
                    due.day(), "差评应于 " + due.day().minusDays(1) + " 前整改完毕", itemVersion, null),
                    Case.E_SUPERVISION);
        }
    }

    @EventSourcingHandler
    void on(CaseEvaluated event) {
        rated = true;
        ratedOn = event.evaluatedOn();
        badReviewOpen = event.badReview();
    }

    @EventSourcingHandler
    void on(BadReviewFollowedUp event) {
        badReviewOpen = false;
        followedUpOn = event.followedUpOn();
    }

    @EventSourcingHandler
    void on(FollowUpRated event) {
        followUpRated = true;
    }

    @EventSourcingHandler
    void on(RatingAppealed event) {
        appealOpen = true;
    }

    @EventSourcingHandler
    void on(RatingAppealReviewed event) {
        appealOpen = false;
        ratingExcluded = event.excluded();
        badReviewOpen = badReviewOpen && !event.excluded();
    }
}
