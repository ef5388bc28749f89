//! `parcours-planner`: from a collectivity profile and the reference graph to a prioritized,
//! budgeted, multi-year training plan. Pure: no I/O.
