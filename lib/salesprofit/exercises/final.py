"""The final assessment: twenty questions across the chapters, each tied to the lab that
teaches its answer.

Numbers in the questions are worked examples of the kind each lab uses, and every right
answer (and every tempting wrong one) is computed by the library, so the assessment and
the labs cannot disagree. :func:`final_assessment` builds the
:class:`~salesprofit.teach.Assessment`; the capstone folder's lab shows it.
"""

from __future__ import annotations

import random

from .. import clv, costs, funnel, incentives, marketing, pricing, quality, training
from ..fmt import money, num, pct
from ..teach import Assessment, Item, Question, question

__all__ = ["final_assessment"]


def _pricing_items() -> list[Item]:
    need = pricing.breakeven_volume_change(-0.10, 0.30)
    margin = pricing.contribution_margin(100.0, 60.0)
    markup = pricing.markup(100.0, 60.0)
    best = pricing.optimal_price(60.0, -3.0)
    return [
        Item(
            question(
                "Your margin is 30 %. A buyer asks for 10 % off. How much more must you sell to "
                "keep the same profit?",
                (pct(need, 0), True, "−price change ÷ (margin + price change) = 10 % ÷ 20 %."),
                ("10 %", False, "The discount comes out of the margin, not out of the price."),
                (
                    pct(0.10 / 0.30, 0),
                    False,
                    "After the discount each unit earns 20 points, not 30.",
                ),
            ),
            "3.1",
            "03_pricing/01_margin_and_discounts.ipynb",
        ),
        Item(
            question(
                "A product costs ¥60 and sells for ¥100. What is its margin?",
                (pct(margin, 0), True, "(price − cost) ÷ price."),
                (pct(markup, 1), False, "That is the markup: the profit on cost, not on price."),
                ("60 %", False, "That is the cost's share of the price."),
            ),
            "3.1",
            "03_pricing/01_margin_and_discounts.ipynb",
        ),
        Item(
            question(
                "A product costs ¥60; its price elasticity is −3 at every price. Which price "
                "earns the most?",
                (money(best, 0), True, "cost × e ÷ (1 + e) = 60 × 3 ÷ 2."),
                ("¥60", False, "At cost every sale earns nothing."),
                (money(60.0 * 3, 0), False, "Far too high: with elasticity −3 volume falls away."),
            ),
            "3.3",
            "03_pricing/03_elasticity_and_optimal_price.ipynb",
        ),
    ]


def _customer_items() -> list[Item]:
    value = clv.clv(1000.0, 0.8, 0.10)
    undiscounted = clv.ltv_from_churn(1000.0, 0.2)
    return [
        Item(
            question(
                "A customer earns ¥1,000 of margin a year, stays with probability 80 % a year, "
                "and you discount at 10 % a year (margin at each year's end). What is the "
                "customer worth today?",
                (money(value, 0), True, "margin × r ÷ (1 + d − r) = 1,000 × 0.8 ÷ 0.3."),
                (money(undiscounted, 0), False, "That is margin ÷ churn, with no discounting."),
                ("¥800", False, "That counts only the first year."),
            ),
            "1.1",
            "01_customer_relationships/01_clv_and_retention.ipynb",
        ),
        Item(
            question(
                "When does a VIP discount pay for itself?",
                (
                    "When the retention it buys is worth more than the margin it gives away",
                    True,
                    "Its cost is certain; its benefit is the extra years customers stay.",
                ),
                ("Always, because loyal customers buy more", False, "Only if they stay longer."),
                ("Never, because it cuts the margin", False, "Not if it keeps customers longer."),
            ),
            "1.2",
            "01_customer_relationships/02_vip_offer.ipynb",
        ),
        Item(
            question(
                "In a tier list by revenue (ABC), what are the A customers?",
                (
                    "The biggest customers who together make the first 80 % of revenue",
                    True,
                    "Sorted by value, the cumulative share decides the tier.",
                ),
                ("The top third of customers", False, "ABC cuts on cumulative value, not count."),
                (
                    "The most profitable customers",
                    False,
                    "Revenue is not profit: see the whale curve.",
                ),
            ),
            "12.1",
            "12_customer_base/01_abc_and_rfm_tiers.ipynb",
        ),
    ]


def _selling_items() -> list[Item]:
    velocity = funnel.sales_velocity(50, 0.25, 20_000.0, 50)
    return [
        Item(
            question(
                "50 deals in the pipeline, a 25 % win rate, ¥20,000 a deal, 50 days to win. "
                "What is the sales velocity?",
                (f"{money(velocity, 0)} a day", True, "deals × win rate × deal size ÷ days."),
                (f"{money(50 * 20_000.0 / 50, 0)} a day", False, "The win rate is missing."),
                (
                    f"{money(50 * 0.25 * 20_000.0, 0)} a day",
                    False,
                    "That is per cycle, not per day.",
                ),
            ),
            "2.1",
            "02_selling_skills/01_sales_velocity.ipynb",
        ),
        Item(
            question(
                "Rep A's average discount is 14 %, rep B's 9 %. What do you check first?",
                (
                    "Whether A sells to customers who get deeper discounts from everyone",
                    True,
                    "Compare each sale with sales to the same kind of customer.",
                ),
                ("Nothing: A over-discounts", False, "A's customers may be bigger accounts."),
                ("A's win rate", False, "Useful later; first make the comparison fair."),
            ),
            "2.2",
            "02_selling_skills/02_rep_comparison.ipynb",
        ),
        Item(
            question(
                "Ranked by revenue a rep is first; ranked by gross profit, tenth. What does "
                "the gap show?",
                (
                    "Big sales at thin margins: deep discounts or low-margin products",
                    True,
                    "Revenue counts the sale; profit counts what the sale kept.",
                ),
                ("A data error", False, "The two rankings measure different things."),
                ("Nothing: revenue is what matters", False, "Profit pays the bills and the bonus."),
            ),
            "6.1",
            "06_performance/01_revenue_vs_profit.ipynb",
        ),
        Item(
            question(
                "A forecast model misses by 11 % on average (MAPE); last year's same month "
                "misses by 6 %. What do you use?",
                (
                    "Last year's same month, until a model beats it",
                    True,
                    "A benchmark that beats the model is the headline.",
                ),
                ("The model: it is more sophisticated", False, "Accuracy decides, not method."),
                ("The model, with a ±11 % range", False, "An average error is not a range."),
            ),
            "5.2",
            "05_crm/02_pipeline_and_forecast.ipynb",
        ),
        Item(
            question(
                "A funnel loses most deals at the proposal stage. Where do you start?",
                (
                    "At the stage whose improvement raises velocity most",
                    True,
                    "The bottleneck is where a change moves the most money a day.",
                ),
                ("At the first stage: more leads", False, "More leads into a leak mostly leak."),
                ("Everywhere a little", False, "Focus pays where the loss is."),
            ),
            "15.1",
            "15_sales_process/01_stages_and_bottleneck.ipynb",
        ),
    ]


def _cost_items() -> list[Item]:
    q = costs.eoq(1200, 50.0, 3.0)
    coq = quality.cost_of_quality(150_000, 200_000, 100_000, 300_000, 10_000_000)
    payback = marketing.cac_payback_months(6000.0, 2000.0, 0.25)
    return [
        Item(
            question(
                "Annual demand 1,200 units, ¥50 per order, ¥3 per unit per year to hold. What "
                "order quantity costs least?",
                (f"{num(q, 0)} units", True, "√(2 × D × K ÷ h) = √(2 × 1,200 × 50 ÷ 3)."),
                (f"{num(q * 2, 0)} units", False, "Twice the optimum: holding cost takes over."),
                ("1,200 units", False, "One order a year holds too much stock."),
            ),
            "4.1",
            "04_cost_control/01_eoq_and_jit.ipynb",
        ),
        Item(
            question(
                "Prevention ¥150,000, appraisal ¥200,000, internal failures ¥100,000, external "
                "failures ¥300,000, on ¥10M of sales. What do failures cost, as a share of sales?",
                (pct(coq["nonconformance_rate"], 1), True, "(internal + external) ÷ sales."),
                (pct(coq["conformance_rate"], 1), False, "That is prevention and appraisal."),
                (
                    pct(coq["conformance_rate"] + coq["nonconformance_rate"], 1),
                    False,
                    "That is all of it.",
                ),
            ),
            "7.1",
            "07_quality/01_cost_of_quality_and_returns.ipynb",
        ),
        Item(
            question(
                "Winning a customer costs ¥6,000; they buy ¥2,000 a month at a 25 % gross "
                "margin. How long until they pay back what they cost to win?",
                (f"{num(payback, 0)} months", True, "CAC ÷ (monthly revenue × margin)."),
                (f"{num(6000 / 2000, 0)} months", False, "Revenue is not margin."),
                ("One month", False, "The margin, not the revenue, repays the cost."),
            ),
            "8.1",
            "08_marketing/01_channel_economics.ipynb",
        ),
    ]


def _team_items() -> list[Item]:
    tiers = [(0.0, 0.02), (6_000_000.0, 0.03)]
    marginal = incentives.commission(8_000_000.0, tiers, "marginal")
    retro = incentives.commission(8_000_000.0, tiers, "retroactive")
    roi = training.training_roi(150_000.0, 100_000.0)
    return [
        Item(
            question(
                "A bonus pays 2 % up to ¥6M and 3 % above. A rep sells ¥8M. What is the bonus "
                "when each rate pays only on its band (marginal)?",
                (money(marginal, 0), True, "6M × 2 % + 2M × 3 %."),
                (money(retro, 0), False, "That pays 3 % on everything: the retroactive form."),
                (money(8_000_000 * 0.02, 0), False, "The higher band is missing."),
            ),
            "9.1",
            "09_incentives/01_tiered_bonus.ipynb",
        ),
        Item(
            question(
                "A course costs ¥100,000 and brings ¥150,000 of benefits. What is its ROI "
                "(Phillips)?",
                (pct(roi, 0), True, "(benefits − costs) ÷ costs."),
                (pct(150_000 / 100_000, 0), False, "That is the benefit-cost ratio, not the ROI."),
                (pct(50_000 / 150_000, 0), False, "ROI divides by the costs, not the benefits."),
            ),
            "13.1",
            "13_professionalism/01_training_roi.ipynb",
        ),
        Item(
            question(
                "How do you split an annual target over the months?",
                (
                    "By each month's share of sales in past years (its season)",
                    True,
                    "A month that sells more every year gets more of the target.",
                ),
                ("One twelfth each", False, "Seasons make equal months unfair and unbelievable."),
                ("All in the last quarter", False, "That only delays the problem."),
            ),
            "14.1",
            "14_targets/01_annual_target_and_seasonality.ipynb",
        ),
    ]


def _evidence_items() -> list[Item]:
    return [
        Item(
            question(
                "Offer B converted better than A in a test, p = 0.03. What may you conclude?",
                (
                    "A difference this large would be rare if the offers were equal",
                    True,
                    "The p-value is about chance, not about how big the gain is.",
                ),
                ("B is 97 % likely to be better", False, "That is not what a p-value says."),
                ("B will always convert better", False, "Tests speak of evidence, not certainty."),
            ),
            "11.1",
            "11_improvement/01_pdca_ab_test.ipynb",
        ),
        Item(
            question(
                "Association mining finds that buyers of A buy B with lift 3. What does it mean?",
                (
                    "A's buyers buy B three times as often as customers in general",
                    True,
                    "Lift compares the pair with B's own frequency.",
                ),
                ("A and B are bought together 3 % of the time", False, "That is support."),
                ("A causes the purchase of B", False, "Association is not cause."),
            ),
            "10.2",
            "10_data_driven/02_association_mining.ipynb",
        ),
        Item(
            question(
                "Revenue grew 10 % but gross profit fell. Which bar of the profit bridge tells "
                "whether discounts did it?",
                ("The price effect", True, "It is the change in price at last period's volumes."),
                ("The volume effect", False, "Volume grew: that bar is positive."),
                ("The cost effect", False, "Cost is a separate bar; it may not have moved."),
            ),
            "16.1",
            "16_measuring_profit/01_profit_bridge.ipynb",
        ),
    ]


def _placed(item: Item, position: int) -> Item:
    """The item with its right option moved to ``position`` (the others keep their order)."""
    options = list(item.question.options)
    right = options.pop(item.correct)
    options.insert(position % (len(options) + 1), right)
    return Item(Question(item.question.text, tuple(options)), item.lab, item.path)


def final_assessment() -> Assessment:
    """The course's final assessment: twenty questions, pass mark 70 %.

    The right option's place changes from question to question (drawn once with a fixed
    seed, so the assessment is the same on every machine).
    """
    items = [
        *_pricing_items(),
        *_customer_items(),
        *_selling_items(),
        *_cost_items(),
        *_team_items(),
        *_evidence_items(),
    ]
    draw = random.Random(20261202)  # seeded: the same places on every machine
    placed = [_placed(item, draw.randrange(3)) for item in items]
    return Assessment("final", placed, pass_mark=0.7, title="Final assessment")
