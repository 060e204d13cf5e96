"""The sample company's tables: every column's kind, unit, meaning and allowed values.

:data:`TABLES` is the single description that :mod:`salesprofit.synth` writes,
``datasets/README.md`` documents and :func:`salesprofit.data.load` validates against;
the value lists (:data:`SEGMENTS`, :data:`TIERS`, ...) are the allowed values.
"""

from __future__ import annotations

from .dataspec import (
    Column,
    Rule,
    TableSpec,
    _converted_ok,
    _id,
    _net_price_ok,
    _not_before,
    _offered_price_ok,
    _unique_together,
)

__all__ = [
    "ACQUISITION_CHANNELS",
    "ACTIVITY_TYPES",
    "CAMPAIGN_CHANNELS",
    "CATEGORIES",
    "EXPENSE_CATEGORIES",
    "ORDER_CHANNELS",
    "REGIONS",
    "RETURN_REASONS",
    "SEGMENTS",
    "STAGES",
    "TABLES",
    "TICKET_CATEGORIES",
    "TIERS",
]


SEGMENTS = ("manufacturing", "automotive", "construction", "utilities", "healthcare")
TIERS = ("key", "growth", "standard")
REGIONS = ("east", "south", "north", "central", "west")
CATEGORIES = (
    "fasteners",
    "bearings",
    "power_tools",
    "hand_tools",
    "hydraulics",
    "electrical",
    "safety",
    "welding",
    "lubricants",
    "cutting_tools",
)
ACQUISITION_CHANNELS = (
    "referral",
    "field_prospecting",
    "trade_show",
    "search_ads",
    "wechat",
    "email",
    "telemarketing",
)
CAMPAIGN_CHANNELS = ("email", "wechat", "search_ads", "telemarketing", "trade_show")
ORDER_CHANNELS = ("field", "phone", "online", "wechat")
STAGES = ("lead", "needs_analysis", "proposal", "contract")
ACTIVITY_TYPES = ("call", "email", "visit", "video_meeting")
TICKET_CATEGORIES = (
    "product_defect",
    "technical_question",
    "wrong_item",
    "delivery_delay",
    "billing",
)
RETURN_REASONS = (
    "defective",
    "wrong_item",
    "damaged_in_transit",
    "ordered_by_mistake",
    "no_longer_needed",
)
EXPENSE_CATEGORIES = (
    "sales_salaries",
    "sales_commissions",
    "management_salaries",
    "travel",
    "communication",
    "marketing",
    "logistics",
    "warehouse",
    "customer_service",
    "returns_handling",
    "office_rent",
    "it_systems",
    "training",
    "utilities_admin",
)

_CUSTOMER_ID = r"C\d{4}"
_PRODUCT_ID = r"P\d{3}"
_REP_ID = r"R\d{2}"
_ORDER_ID = r"O\d{6}"
_OPPORTUNITY_ID = r"OP\d{5}"

TABLES: dict[str, TableSpec] = {
    t.name: t
    for t in (
        TableSpec(
            "customers",
            "one row per customer account",
            "The customer master from the CRM: who the customer is, how big, who serves "
            "them and on what commercial terms. Contains planted data-quality problems: a "
            "few near-duplicate accounts (same firm, same phone) and missing contact fields.",
            (
                _id("customer_id", "customer identifier", _CUSTOMER_ID, unique=True),
                Column("name", "text", "company name in English"),
                Column("name_zh", "text", "company name in Chinese"),
                Column("segment", "category", "industry the customer works in", allowed=SEGMENTS),
                Column(
                    "tier",
                    "category",
                    "account tier: key accounts, growth accounts, standard (small) accounts",
                    allowed=TIERS,
                ),
                Column("region", "category", "sales region", allowed=REGIONS),
                Column("city", "text", "city of the customer's site"),
                _id("rep_id", "sales rep who owns the account (reps.rep_id)", _REP_ID),
                Column("acquired_date", "date", "date of the customer's first order with us"),
                Column(
                    "acquisition_channel",
                    "category",
                    "how the customer was won",
                    allowed=ACQUISITION_CHANNELS,
                ),
                Column(
                    "payment_terms_days",
                    "int",
                    "agreed payment terms",
                    unit="days",
                    allowed=(30, 60, 90),
                ),
                Column(
                    "rebate_rate",
                    "fraction",
                    "annual volume rebate paid back on the year's net sales",
                    le=0.1,
                    decimals=3,
                ),
                Column("employees", "int", "number of employees", unit="people", ge=1),
                Column(
                    "estimated_potential",
                    "money",
                    "rep's estimate of the customer's "
                    "yearly spend on industrial supplies from all suppliers",
                    unit="CNY per year",
                ),
                Column("contact_name", "text", "main contact person"),
                Column(
                    "contact_email",
                    "text",
                    "main contact's e-mail (missing for some)",
                    nullable=True,
                ),
                Column(
                    "contact_phone",
                    "text",
                    "main contact's phone (missing for some)",
                    nullable=True,
                ),
            ),
            chapters="1, 5, 8, 12",
        ),
        TableSpec(
            "products",
            "one row per product (SKU)",
            "The catalogue. Prices and costs are those in force in 2025; the 2024 values are "
            "on each order line.",
            (
                _id("product_id", "product identifier", _PRODUCT_ID, unique=True),
                Column("name", "text", "product name with its main specification"),
                Column("category", "category", "product category", allowed=CATEGORIES),
                Column(
                    "sales_unit",
                    "text",
                    "what one unit of quantity is (piece, box of 100, 18 L drum ...)",
                ),
                Column(
                    "list_price",
                    "money",
                    "list price per sales unit (2025)",
                    gt=0,
                    unit="CNY per unit",
                    why="a price must be positive",
                ),
                Column(
                    "unit_cost",
                    "money",
                    "purchase cost per sales unit (2025)",
                    gt=0,
                    unit="CNY per unit",
                    why="a cost must be positive",
                ),
                Column("launch_date", "date", "date the product entered the catalogue"),
                Column(
                    "replaces_product_id",
                    "id",
                    "for a new product: the older product "
                    "it replaces (customers switch over after launch)",
                    nullable=True,
                    pattern=_PRODUCT_ID,
                ),
                _id("supplier_id", "supplier identifier", r"S\d{2}"),
                Column(
                    "lead_time_days", "int", "supplier's replenishment lead time", unit="days", ge=0
                ),
            ),
            chapters="3, 10, 11, 16",
        ),
        TableSpec(
            "reps",
            "one row per sales representative",
            "The sales team. Four reps joined during 2024-2025, so their ramp-up is visible.",
            (
                _id("rep_id", "rep identifier", _REP_ID, unique=True),
                Column("name", "text", "name (pinyin)"),
                Column("name_zh", "text", "name in Chinese"),
                Column("region", "category", "sales region the rep covers", allowed=REGIONS),
                Column(
                    "base_city", "text", "city where the rep is based; visits elsewhere need travel"
                ),
                Column("hire_date", "date", "date the rep joined"),
                Column("base_salary", "money", "fixed salary", unit="CNY per year", gt=0),
                Column("is_new_hire", "flag", "1 if hired during 2024-2025"),
            ),
            chapters="2, 6, 9, 13, 14",
        ),
        TableSpec(
            "orders",
            "one row per sales order",
            "Order headers. Cancelled orders have no lines and no costs. Freight and "
            "handling are paid by us (the seller), which makes small orders expensive.",
            (
                _id("order_id", "order identifier", _ORDER_ID, unique=True),
                Column("order_date", "date", "date the order was placed"),
                _id("customer_id", "customer (customers.customer_id)", _CUSTOMER_ID),
                _id("rep_id", "rep credited with the order (reps.rep_id)", _REP_ID),
                Column("channel", "category", "how the order came in", allowed=ORDER_CHANNELS),
                Column(
                    "payment_terms_days",
                    "int",
                    "payment terms of this order",
                    unit="days",
                    allowed=(30, 60, 90),
                ),
                Column(
                    "freight_cost", "money", "outbound freight paid by us", unit="CNY per order"
                ),
                Column(
                    "handling_cost",
                    "money",
                    "warehouse picking, packing and invoicing",
                    unit="CNY per order",
                ),
                Column(
                    "status",
                    "category",
                    "delivered, or cancelled (no lines, no costs)",
                    allowed=("delivered", "cancelled"),
                ),
            ),
            chapters="1, 5, 6, 9, 12, 13, 14, 16",
        ),
        TableSpec(
            "order_lines",
            "one row per product on an order",
            "What was sold, at which list price, discount, net price and cost. Revenue of a "
            "line is quantity x net_price; gross profit is quantity x (net_price - unit_cost).",
            (
                _id("order_id", "order (orders.order_id)", _ORDER_ID),
                Column("line_no", "int", "line number within the order, from 1", ge=1),
                _id("product_id", "product (products.product_id)", _PRODUCT_ID),
                Column(
                    "quantity",
                    "int",
                    "units sold",
                    unit="sales units",
                    ge=1,
                    why="a line sells at least one unit",
                ),
                Column(
                    "list_price",
                    "money",
                    "list price in force on the order date",
                    unit="CNY per unit",
                    gt=0,
                    why="a price must be positive",
                ),
                Column(
                    "discount",
                    "fraction",
                    "discount off list price",
                    ge=0,
                    lt=1,
                    le=None,
                    why="a discount is a fraction: 0.15 means 15 %",
                ),
                Column(
                    "net_price",
                    "money",
                    "price paid: list_price x (1 - discount), rounded to the cent",
                    unit="CNY per unit",
                    why="a price cannot be negative",
                ),
                Column(
                    "unit_cost",
                    "money",
                    "our purchase cost in force on the order date",
                    unit="CNY per unit",
                    gt=0,
                    why="a cost must be positive",
                ),
            ),
            chapters="2, 3, 7, 10, 11, 16",
            rules=(
                Rule(
                    "line_no",
                    "each (order_id, line_no) must appear only once",
                    _unique_together("order_id", "line_no"),
                ),
                Rule(
                    "net_price",
                    "net_price must equal list_price x (1 - discount), to the cent",
                    _net_price_ok,
                ),
            ),
        ),
        TableSpec(
            "targets",
            "one row per rep, year and quarter",
            "Quarterly sales targets: revenue (net sales) and gross profit.",
            (
                _id("rep_id", "rep (reps.rep_id)", _REP_ID),
                Column("year", "int", "calendar year", ge=2000, le=2100),
                Column("quarter", "int", "calendar quarter", allowed=(1, 2, 3, 4)),
                Column("revenue_target", "money", "net sales target", unit="CNY per quarter"),
                Column(
                    "gross_profit_target", "money", "gross profit target", unit="CNY per quarter"
                ),
            ),
            chapters="6, 14",
            rules=(
                Rule(
                    "quarter",
                    "each (rep_id, year, quarter) must appear only once",
                    _unique_together("rep_id", "year", "quarter"),
                ),
            ),
        ),
        TableSpec(
            "opportunities",
            "one row per sales opportunity (project or contract)",
            "The CRM pipeline: larger deals that go through the sales process lead -> "
            "needs analysis -> proposal -> contract -> won. Open deals are those still in "
            "progress on 2025-12-31.",
            (
                _id("opportunity_id", "opportunity identifier", _OPPORTUNITY_ID, unique=True),
                _id("customer_id", "customer (customers.customer_id)", _CUSTOMER_ID),
                _id("rep_id", "rep working the deal (reps.rep_id)", _REP_ID),
                Column("created_date", "date", "date the opportunity was entered"),
                Column("amount", "money", "estimated deal value", unit="CNY", gt=0),
                Column(
                    "stage",
                    "category",
                    "current stage (won deals: 'won'; lost deals: the stage where they were lost)",
                    allowed=(*STAGES, "won"),
                ),
                Column("status", "category", "open, won or lost", allowed=("open", "won", "lost")),
                Column("closed_date", "date", "date won or lost (empty while open)", nullable=True),
            ),
            chapters="2, 5, 15",
            rules=(
                Rule(
                    "closed_date",
                    "closed_date cannot be before created_date",
                    _not_before("closed_date", "created_date"),
                ),
            ),
        ),
        TableSpec(
            "opportunity_stages",
            "one row per opportunity and stage it reached",
            "Stage history: when each opportunity entered and left each stage and what "
            "happened (advanced to the next stage, won from contract, lost, or still open).",
            (
                _id(
                    "opportunity_id", "opportunity (opportunities.opportunity_id)", _OPPORTUNITY_ID
                ),
                Column(
                    "stage",
                    "category",
                    "sales-process stage: lead (客户开发), "
                    "needs_analysis (需求分析), proposal (方案设计), contract (合同签订)",
                    allowed=STAGES,
                ),
                Column("entered_date", "date", "date the stage was entered"),
                Column(
                    "exited_date",
                    "date",
                    "date the stage was left (empty while open)",
                    nullable=True,
                ),
                Column(
                    "outcome",
                    "category",
                    "advanced, won (from contract), lost, or open",
                    allowed=("advanced", "won", "lost", "open"),
                ),
            ),
            chapters="15",
            rules=(
                Rule(
                    "stage",
                    "each (opportunity_id, stage) must appear only once",
                    _unique_together("opportunity_id", "stage"),
                ),
                Rule(
                    "exited_date",
                    "exited_date cannot be before entered_date",
                    _not_before("exited_date", "entered_date"),
                ),
            ),
        ),
        TableSpec(
            "activities",
            "one row per sales activity",
            "Calls, e-mails, visits and video meetings with customers, with their time and "
            "direct cost. Visits outside the rep's base city need travel.",
            (
                Column("activity_id", "id", "activity identifier", unique=True, pattern=r"A\d{6}"),
                Column("date", "date", "date of the activity"),
                _id("rep_id", "rep (reps.rep_id)", _REP_ID),
                _id("customer_id", "customer (customers.customer_id)", _CUSTOMER_ID),
                _id(
                    "opportunity_id",
                    "opportunity worked on, if any",
                    _OPPORTUNITY_ID,
                    nullable=True,
                ),
                Column("type", "category", "kind of contact", allowed=ACTIVITY_TYPES),
                Column("duration_min", "int", "time spent with the customer", unit="minutes", ge=0),
                Column("travel_min", "int", "travel time (visits only)", unit="minutes", ge=0),
                Column(
                    "cost",
                    "money",
                    "direct cost: travel, hotel, meals, phone, video licence share",
                    unit="CNY",
                ),
            ),
            chapters="4, 12",
        ),
        TableSpec(
            "campaigns",
            "one row per marketing campaign",
            "Marketing campaigns with their channel, dates, spend and number of contacts "
            "reached (each contact is a row of campaign_responses).",
            (
                Column("campaign_id", "id", "campaign identifier", unique=True, pattern=r"M\d{2}"),
                Column("name", "text", "campaign name"),
                Column("channel", "category", "marketing channel", allowed=CAMPAIGN_CHANNELS),
                Column("start_date", "date", "first day"),
                Column("end_date", "date", "last day"),
                Column("spend", "money", "total spend", unit="CNY"),
                Column("contacts", "int", "people/firms reached", unit="contacts", ge=0),
            ),
            chapters="8",
            rules=(
                Rule(
                    "end_date",
                    "end_date cannot be before start_date",
                    _not_before("end_date", "start_date"),
                ),
            ),
        ),
        TableSpec(
            "campaign_responses",
            "one row per campaign and contact reached",
            "Who each campaign reached (existing customers and prospects), what we knew "
            "about them when it started, and whether they responded and bought. Purchase "
            "history is counted from 2024-01-01, the start of the dataset.",
            (
                Column("campaign_id", "id", "campaign (campaigns.campaign_id)", pattern=r"M\d{2}"),
                Column(
                    "contact_id",
                    "id",
                    "contact: the customer_id for customers, a prospect id Xnnnnn for prospects",
                    pattern=r"(C\d{4}|X\d{5})",
                ),
                _id(
                    "customer_id",
                    "customer_id: the existing customer, or the new customer "
                    "a prospect became; empty for prospects who did not buy",
                    _CUSTOMER_ID,
                    nullable=True,
                ),
                Column("is_customer", "flag", "1 if already a customer when the campaign started"),
                Column("segment", "category", "industry", allowed=SEGMENTS),
                Column("region", "category", "region", allowed=REGIONS),
                Column("employees", "int", "number of employees", unit="people", ge=1),
                Column(
                    "orders_last_12m",
                    "int",
                    "delivered orders in the 365 days before the campaign start",
                    unit="orders",
                    ge=0,
                ),
                Column(
                    "revenue_last_12m",
                    "money",
                    "net sales in the 365 days before the campaign start",
                    unit="CNY",
                ),
                Column(
                    "recency_days",
                    "float",
                    "days from the last order to the campaign "
                    "start (empty: no order since 2024-01-01)",
                    unit="days",
                    ge=0,
                    nullable=True,
                ),
                Column(
                    "responded",
                    "flag",
                    "1 if the contact responded (clicked, called back, visited the stand ...)",
                ),
                Column("response_date", "date", "date of the response", nullable=True),
                Column(
                    "converted",
                    "flag",
                    "1 if the contact placed an order within 30 days "
                    "of responding (prospects: became a customer)",
                ),
                Column("new_customer", "flag", "1 if a prospect became a new customer"),
                Column(
                    "first_order_value", "money", "net value of that first order", nullable=True
                ),
            ),
            chapters="8",
            rules=(
                Rule(
                    "contact_id",
                    "each (campaign_id, contact_id) must appear only once",
                    _unique_together("campaign_id", "contact_id"),
                ),
            ),
        ),
        TableSpec(
            "tickets",
            "one row per after-sales service ticket",
            "Service requests after delivery, how long they took to resolve and what they "
            "cost us. Tickets still open on 2025-12-31 have no resolution.",
            (
                Column("ticket_id", "id", "ticket identifier", unique=True, pattern=r"T\d{5}"),
                _id("customer_id", "customer (customers.customer_id)", _CUSTOMER_ID),
                _id("order_id", "order concerned (orders.order_id)", _ORDER_ID),
                _id(
                    "product_id",
                    "product concerned (empty for order-level issues)",
                    _PRODUCT_ID,
                    nullable=True,
                ),
                Column("opened_date", "date", "date the ticket was opened"),
                Column("resolved_date", "date", "date resolved (empty while open)", nullable=True),
                Column("category", "category", "kind of issue", allowed=TICKET_CATEGORIES),
                Column(
                    "resolution_hours",
                    "float",
                    "elapsed time from opening to resolution (empty while open)",
                    unit="hours",
                    ge=0,
                    nullable=True,
                    decimals=1,
                ),
                Column(
                    "cost",
                    "money",
                    "cost to us: staff time, replacement parts, courier",
                    unit="CNY",
                ),
            ),
            chapters="7, 12",
            rules=(
                Rule(
                    "resolved_date",
                    "resolved_date cannot be before opened_date",
                    _not_before("resolved_date", "opened_date"),
                ),
            ),
        ),
        TableSpec(
            "returns",
            "one row per returned order line",
            "Goods sent back. The cost of a return to us is refund_amount - recovered_value "
            "+ handling_cost (recovered_value is the cost value of goods put back in stock).",
            (
                Column("return_id", "id", "return identifier", unique=True, pattern=r"RT\d{5}"),
                _id("order_id", "original order (orders.order_id)", _ORDER_ID),
                Column("line_no", "int", "original order line (order_lines.line_no)", ge=1),
                _id("customer_id", "customer (customers.customer_id)", _CUSTOMER_ID),
                _id("product_id", "product (products.product_id)", _PRODUCT_ID),
                Column("quantity", "int", "units returned", unit="sales units", ge=1),
                Column("return_date", "date", "date the goods came back"),
                Column("reason", "category", "reason given", allowed=RETURN_REASONS),
                Column("refund_amount", "money", "money refunded: quantity x net_price"),
                Column(
                    "recovered_value",
                    "money",
                    "cost value of the units put back in stock (0 when scrapped)",
                ),
                Column("handling_cost", "money", "inspection, transport and restocking"),
            ),
            chapters="7, 12",
        ),
        TableSpec(
            "surveys",
            "one row per survey answer",
            "Customer satisfaction: twice-yearly relationship surveys and short surveys "
            "after a service ticket. Slow ticket resolution lowers the scores.",
            (
                Column(
                    "survey_id", "id", "survey answer identifier", unique=True, pattern=r"SV\d{5}"
                ),
                _id("customer_id", "customer (customers.customer_id)", _CUSTOMER_ID),
                Column("date", "date", "date answered"),
                Column(
                    "survey_type",
                    "category",
                    "relationship (twice a year) or post_ticket",
                    allowed=("relationship", "post_ticket"),
                ),
                Column(
                    "ticket_id",
                    "id",
                    "ticket surveyed (post_ticket only)",
                    nullable=True,
                    pattern=r"T\d{5}",
                ),
                Column("nps_score", "int", "likelihood to recommend us, 0-10", ge=0, le=10),
                Column(
                    "csat", "int", "satisfaction, 1 (very unhappy) to 5 (very happy)", ge=1, le=5
                ),
            ),
            chapters="6, 7",
        ),
        TableSpec(
            "expenses",
            "one row per month and expense category",
            "Operating expenses from the ledger. Variable categories add up the detailed "
            "tables (travel = visit costs in activities, logistics = freight, marketing = "
            "campaign spend spread over its days ...).",
            (
                Column("month", "date", "first day of the month"),
                Column("category", "category", "expense category", allowed=EXPENSE_CATEGORIES),
                Column(
                    "cost_type",
                    "category",
                    "fixed (does not move with sales) or variable",
                    allowed=("fixed", "variable"),
                ),
                Column("amount", "money", "expense in the month", unit="CNY per month"),
            ),
            chapters="4, 16",
            rules=(
                Rule(
                    "category",
                    "each (month, category) must appear only once",
                    _unique_together("month", "category"),
                ),
            ),
        ),
        TableSpec(
            "inventory",
            "one row per product",
            "Stock policy and the figures needed for EOQ and JIT: 2025 demand, the cost of "
            "placing a purchase order (with and without a JIT supplier agreement), the "
            "holding cost rate and the current order quantity.",
            (
                _id("product_id", "product (products.product_id)", _PRODUCT_ID, unique=True),
                Column("annual_demand", "int", "units sold in 2025", unit="units per year", ge=0),
                Column(
                    "order_cost",
                    "money",
                    "cost of placing and receiving one purchase order today",
                    unit="CNY per order",
                ),
                Column(
                    "jit_order_cost",
                    "money",
                    "cost per purchase order under a long-term "
                    "JIT agreement with the supplier (EDI, scheduled deliveries)",
                    unit="CNY per order",
                ),
                Column(
                    "holding_cost_rate",
                    "fraction",
                    "yearly cost of holding stock, as a "
                    "fraction of unit cost (capital, space, insurance, obsolescence)",
                    unit="per year",
                    decimals=3,
                ),
                Column(
                    "order_quantity", "int", "current purchase order quantity", unit="units", ge=1
                ),
                Column("safety_stock", "int", "buffer stock kept", unit="units", ge=0),
                Column("on_hand", "int", "stock on 2025-12-31", unit="units", ge=0),
            ),
            chapters="4",
        ),
        TableSpec(
            "price_experiment",
            "one row per quote in a randomised 12-week price test",
            "A randomised price and sales-script experiment (March-May 2025) on consumables "
            "sold by the box. Each quote got a price level (price_index) and a sales script "
            "(offer A, the standard script, or B, the new value-selling script) at random. "
            "These quotes are recorded only here, not in orders.",
            (
                Column("quote_id", "id", "quote identifier", unique=True, pattern=r"Q\d{5}"),
                Column("week", "int", "experiment week, 1-12", ge=1, le=12),
                Column("quote_date", "date", "date of the quote"),
                _id("customer_id", "customer (customers.customer_id)", _CUSTOMER_ID),
                Column("segment", "category", "customer's industry", allowed=SEGMENTS),
                _id("rep_id", "rep who quoted (reps.rep_id)", _REP_ID),
                _id("product_id", "product quoted (products.product_id)", _PRODUCT_ID),
                Column("list_price", "money", "list price", unit="CNY per unit", gt=0),
                Column(
                    "price_index",
                    "float",
                    "offered price / list price (randomised)",
                    gt=0,
                    le=3,
                    decimals=2,
                ),
                Column(
                    "offered_price",
                    "money",
                    "price offered: list_price x price_index",
                    unit="CNY per unit",
                    gt=0,
                ),
                Column(
                    "offer",
                    "category",
                    "sales script: A standard, B value-selling",
                    allowed=("A", "B"),
                ),
                Column(
                    "quantity",
                    "int",
                    "units bought (0 when the quote was lost)",
                    unit="sales units",
                    ge=0,
                ),
                Column("converted", "flag", "1 if the quote turned into an order"),
            ),
            chapters="3, 11",
            rules=(
                Rule(
                    "offered_price",
                    "offered_price must equal list_price x price_index, to the cent",
                    _offered_price_ok,
                ),
                Rule(
                    "converted",
                    "converted must be 1 exactly when quantity is above 0",
                    _converted_ok,
                ),
            ),
        ),
    )
}
