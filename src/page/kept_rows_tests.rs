use std::sync::Arc;

use super::{CAPACITY, KeptList, KeptRow, RenderedRows};

fn row(id: i64, html: &str) -> KeptRow {
    KeptRow {
        id,
        html: html.into(),
        good_until: i64::MAX,
    }
}

fn list(ids: &[i64], older: Option<i64>) -> KeptList {
    KeptList {
        version: 1,
        rows: ids.iter().map(|id| row(*id, "old")).collect(),
        older,
    }
}

fn ids(list: &KeptList) -> Vec<i64> {
    list.rows.iter().map(|row| row.id).collect()
}

#[test]
fn a_changed_row_is_replaced_and_the_others_are_kept_as_they_were() {
    let kept = list(&[5, 4, 3], None);
    let new = kept.with_changes(2, &[4], vec![row(4, "new")], 50).unwrap();
    assert_eq!(ids(&new), [5, 4, 3]);
    assert_eq!(&*new.rows[1].html, "new");
    assert_eq!(&*new.rows[0].html, "old");
    assert_eq!(new.version, 2);
    assert_eq!(new.older, None);
}

#[test]
fn a_new_upload_goes_on_top_and_pushes_the_last_row_to_the_next_page() {
    let kept = list(&[5, 4, 3], None);
    let new = kept.with_changes(2, &[6], vec![row(6, "new")], 3).unwrap();
    assert_eq!(ids(&new), [6, 5, 4]);
    assert_eq!(
        new.older,
        Some(4),
        "the page now has an older page behind it"
    );
    let again = new.with_changes(3, &[7], vec![row(7, "newer")], 3).unwrap();
    assert_eq!(ids(&again), [7, 6, 5]);
    assert_eq!(again.older, Some(5));
}

#[test]
fn a_row_that_is_gone_leaves_a_page_with_nothing_behind_it() {
    let kept = list(&[5, 4, 3], None);
    let new = kept.with_changes(2, &[4], vec![], 50).unwrap();
    assert_eq!(ids(&new), [5, 3]);
}

#[test]
fn a_row_gone_from_a_page_with_older_pages_behind_it_asks_for_the_whole_page() {
    let kept = list(&[5, 4, 3], Some(3));
    assert_eq!(kept.with_changes(2, &[4], vec![], 3), None);
}

#[test]
fn a_row_that_comes_back_takes_its_place_by_age() {
    // A retry taken off the list shows its earlier upload again.
    let kept = list(&[9, 5, 3], None);
    let new = kept
        .with_changes(2, &[9, 7], vec![row(7, "back")], 50)
        .unwrap();
    assert_eq!(ids(&new), [7, 5, 3]);
}

#[test]
fn a_change_to_an_upload_on_a_later_page_leaves_this_one_as_it_was() {
    let kept = list(&[9, 8, 7], Some(7));
    let new = kept
        .with_changes(2, &[2], vec![row(2, "later")], 3)
        .unwrap();
    assert_eq!(ids(&new), [9, 8, 7]);
    assert_eq!(new.older, Some(7));
}

#[test]
fn rows_whose_time_ran_out_are_named_for_reading_again() {
    let mut kept = list(&[5, 4, 3], None);
    kept.rows[1].good_until = 100;
    assert_eq!(kept.outdated(100).collect::<Vec<_>>(), Vec::<i64>::new());
    assert_eq!(kept.outdated(101).collect::<Vec<_>>(), [4]);
}

#[test]
fn an_older_version_never_replaces_a_newer_one() {
    let rows = RenderedRows::default();
    let mut newer = list(&[2], None);
    newer.version = 7;
    rows.put("k".into(), Arc::new(newer));
    rows.put("k".into(), Arc::new(list(&[1], None)));
    assert_eq!(rows.get("k").unwrap().version, 7);
}

#[test]
fn when_full_the_list_used_longest_ago_goes_first() {
    let rows = RenderedRows::default();
    for i in 0..CAPACITY {
        rows.put(format!("k{i}"), Arc::new(list(&[1], None)));
    }
    assert!(rows.get("k0").is_some());
    rows.put("new".into(), Arc::new(list(&[1], None)));
    assert!(rows.get("k1").is_none());
    assert!(rows.get("k0").is_some());
    assert!(rows.get("new").is_some());
}
