import type { components } from '@/lib/api/schema';

type S = components['schemas'];
export type Mentee = S['MenteeResponse'];
export type Progress = S['ProgressResponse'];
export type Readiness = S['ReadinessResponse'];
export type Feedback = S['FeedbackResponse'];
export type CreateFeedback = S['CreateFeedbackDto'];
export type UpdateFeedback = S['UpdateFeedbackDto'];
export type Milestone = S['MilestoneResponse'];
export type Goal = S['GoalResponse'];
export type CheckIn = S['CheckInResponse'];
export type Assessment = S['AssessmentResponse'];
export type Answers = S['AnswersDto'];
export type TrendPoint = S['TrendPoint'];
